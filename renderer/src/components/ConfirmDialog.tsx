import { useEffect, useId, useRef, type ReactNode } from 'react';
import './confirm-dialog.css';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  /** the button that goes ahead, in the danger colour */
  confirm: string;
  /** the button that leaves things as they are, focused first so Enter cannot lose anything */
  keep: string;
  onConfirm(): void;
  onClose(): void;
}

/** A modal question before something that cannot be undone; Escape and the keep button both say no. */
export function ConfirmDialog({ open, title, children, confirm, keep, onConfirm, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} onClose={onClose}>
      {open && (
        <>
          <h2 id={`${id}-title`}>{title}</h2>
          <div id={`${id}-body`}>{children}</div>
          <div className="confirm-buttons">
            <button type="button" autoFocus onClick={onClose}>
              {keep}
            </button>
            <button type="button" className="danger" onClick={onConfirm}>
              {confirm}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
