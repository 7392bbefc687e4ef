import { useId, type ReactNode } from 'react';
import { Modal } from './Modal.tsx';
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
  const id = useId();

  return (
    <Modal open={open} className="confirm-dialog" labelledBy={`${id}-title`} describedBy={`${id}-body`} onClose={onClose}>
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
    </Modal>
  );
}
