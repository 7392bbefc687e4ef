import { useEffect, useRef, type ReactNode } from 'react';
import './modal.css';

interface Props {
  open: boolean;
  /** a class for the dialog's own layout, beside the shared `modal` box */
  className: string;
  labelledBy: string;
  describedBy?: string;
  onClose(): void;
  children: ReactNode;
}

/** A native modal dialog held open by `open`: the browser gives it focus trapping, Escape and a backdrop. */
export function Modal({ open, className, labelledBy, describedBy, onClose, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className={`modal ${className}`} aria-labelledby={labelledBy} aria-describedby={describedBy} onClose={onClose}>
      {children}
    </dialog>
  );
}
