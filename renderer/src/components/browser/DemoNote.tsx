import { useSession } from '../../store/session.ts';
import { useSignIn } from '../../store/sign-in.ts';

/** On the demo sandbox's first screen: what this data is, and how to reach one's own Frame.io. */
export function DemoNote() {
  const demo = useSession((s) => s.info?.start !== undefined);
  const canSignIn = useSignIn((s) => s.status?.canSignIn ?? false);
  if (!demo) return null;
  return (
    <p className="demo-note" data-testid="demo-note">
      This is demo media on a local sandbox, not Frame.io: try anything, nothing leaves this machine.{' '}
      {canSignIn ? (
        <>To work with your own projects, choose “Sign in to Frame.io” at the top right.</>
      ) : (
        <>
          To work with your own projects, stop Slate, run <code>npx slate login</code> on this machine, and start Slate again.
        </>
      )}
    </p>
  );
}
