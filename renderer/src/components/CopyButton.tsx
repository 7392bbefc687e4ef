import { useEffect, useState } from 'react';

interface Props {
  /** what is copied, e.g. "share link"; the button reads "Copy share link" */
  what: string;
  text: string;
  className?: string;
}

type Outcome = 'copied' | 'refused' | undefined;

/**
 * Copies to the clipboard and says so twice: the button reads "Copied" for a moment, and a status
 * line read out by screen readers keeps what happened until the next copy.
 */
export function CopyButton({ what, text, className }: Props) {
  const [outcome, setOutcome] = useState<Outcome>();
  const [flash, setFlash] = useState(false);

  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(false), 2_000);
    return () => clearTimeout(timer);
  }, [flash]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
      setFlash(true);
    } catch {
      // A browser may refuse the clipboard to a page without focus or permission.
      setOutcome('refused');
    }
  };

  return (
    <>
      <button type="button" className={className} onClick={() => void copy()}>
        {flash ? 'Copied' : `Copy ${what}`}
      </button>
      <span role="status" className={outcome === 'refused' ? 'field-error' : 'visually-hidden'}>
        {outcome === 'copied' && `${capitalised(what)} copied.`}
        {outcome === 'refused' && `The browser did not let Slate copy the ${what}. Allow this page to use the clipboard, then try again.`}
      </span>
    </>
  );
}

const capitalised = (words: string) => `${words[0]!.toUpperCase()}${words.slice(1)}`;
