import { useEffect, useRef, useState } from 'react';
import { containRect } from '../../lib/drawing.ts';
import { openPdf, pdfFailure, type PdfDocument } from '../../lib/pdf.ts';
import { call } from '../../slate.ts';
import { usePages } from '../../store/pages.ts';
import { useReview } from '../../store/review.ts';
import { DrawingLayer } from './DrawingLayer.tsx';
import { useStageSize } from './use-stage-size.ts';
import './document.css';

/** pdf.js says a render was cancelled (a newer page or size replaced it) with this name. */
const CANCELLED = 'RenderingCancelledException';

/** A PDF's page showing, fitted to the viewer, with the drawings on that page over it. */
export function DocumentView({ url, accountId, fileId }: { url: string; accountId: string; fileId: string }) {
  const selected = useReview((s) => s.comments.find((c) => c.id === s.selectedId));
  const { page, pages, opened, goTo } = usePages();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [stage, box] = useStageSize();
  const [pdf, setPdf] = useState<PdfDocument>();
  /** the page's own size (PDF points), as the picture the drawings are fractions of */
  const [sheet, setSheet] = useState({ width: 0, height: 0 });
  const [rendered, setRendered] = useState(0);
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    const abort = new AbortController();
    usePages.getState().reset();
    openPdf(url, () => call('file:original', { accountId, fileId }), abort.signal).then(
      (document) => {
        if (abort.signal.aborted) return;
        setPdf(document);
        opened(document.numPages);
      },
      (error: unknown) => !abort.signal.aborted && setFailure(pdfFailure(error)),
    );
    return () => abort.abort();
  }, [url, accountId, fileId, opened]);

  useEffect(() => {
    const target = canvas.current;
    if (!pdf || !target || box.width <= 0 || box.height <= 0) return;
    let cancel = () => {};
    let live = true;
    void (async () => {
      const sheetPage = await pdf.getPage(page);
      if (!live) return;
      const natural = sheetPage.getViewport({ scale: 1 });
      const fit = containRect(box, natural);
      // Drawn at the screen's own pixel density, so text stays sharp on a high-DPI display.
      const viewport = sheetPage.getViewport({ scale: (fit.width / natural.width) * window.devicePixelRatio });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      setSheet({ width: natural.width, height: natural.height });
      const task = sheetPage.render({ canvas: target, viewport });
      cancel = () => task.cancel();
      await task.promise;
      if (live) setRendered(page);
    })().catch((error: unknown) => {
      if (live && (error as { name?: string } | null)?.name !== CANCELLED) setFailure(pdfFailure(error));
    });
    return () => {
      live = false;
      cancel();
    };
  }, [pdf, page, box]);

  const fit = containRect(box, sheet);
  // A comment from elsewhere with a drawing and no page is taken to be on the first page.
  const onPage = selected && (selected.page ?? 1) === page;
  const hold = (drawnAt: number | null) => drawnAt !== null && drawnAt !== page && goTo(drawnAt);
  return (
    <div ref={stage} className="stage stage-document" data-testid="stage">
      {failure ? (
        <p className="document-failure" role="alert">
          {failure}
        </p>
      ) : (
        <>
          {!pdf && <p className="muted document-loading">Reading the PDF…</p>}
          <canvas
            ref={canvas}
            className="document-page"
            style={{ left: fit.left, top: fit.top, width: fit.width, height: fit.height, visibility: pdf ? 'visible' : 'hidden' }}
            role="img"
            aria-label={`Page ${page}${pages ? ` of ${pages}` : ''}`}
            data-testid="pdf-page"
            data-rendered-page={rendered || undefined}
          />
          {pdf && sheet.width > 0 && <DrawingLayer picture={fit} shown={onPage ? selected.shapes : []} at={page} hold={hold} />}
        </>
      )}
    </div>
  );
}
