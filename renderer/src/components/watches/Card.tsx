import type { ReactNode } from 'react';

/** The card a watch folder and a follow share: its folder and state on top, details, its buttons, then what they open. */
export function Card({ label, state, testId, children, actions, opened }: { label: string; state: string; testId: string; children?: ReactNode; actions: ReactNode; opened?: ReactNode }) {
  return (
    <li className="watch" data-testid={testId}>
      <div className="job-main">
        <span className="job-label" title={label}>
          {label}
        </span>
        <span className="job-state">{state}</span>
      </div>
      {children}
      <div className="job-actions">{actions}</div>
      {opened}
    </li>
  );
}
