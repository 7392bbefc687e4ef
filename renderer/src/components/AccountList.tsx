import type { Account } from '../../../preload/contract.ts';

export function AccountList({ accounts }: { accounts: Account[] }) {
  return (
    <section aria-labelledby="accounts-heading">
      <h1 id="accounts-heading">Accounts</h1>
      {accounts.length === 0 ? (
        <p className="muted">This sign-in has no Frame.io accounts yet.</p>
      ) : (
        <ul className="cards">
          {accounts.map((account) => (
            <li key={account.id} className="card">
              <span className="card-title">{account.name}</span>
              <span className="muted">{account.roles.join(', ') || 'member'}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
