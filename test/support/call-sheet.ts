// The demo seed's PDF call sheet in the viewer, as the PDF tests open and read it.
import type { Page } from 'playwright-core';

/** Goes from the project list to Harbor_Call_Sheet.pdf in the viewer, and waits for its page count. */
export async function openCallSheet(page: Page): Promise<void> {
  await page.getByLabel('Workspace').selectOption({ label: 'Productions' });
  await page.getByRole('button', { name: 'Harbor Lights — Feature' }).click();
  await page.getByTestId('asset-row').filter({ hasText: 'Documents' }).dblclick();
  await page.getByTestId('asset-row').filter({ hasText: 'Harbor_Call_Sheet.pdf' }).dblclick();
  await page.getByRole('heading', { name: 'Harbor_Call_Sheet.pdf' }).waitFor();
  await page.getByTestId('page-count').filter({ hasText: 'of 3' }).waitFor();
}

/** Waits until the viewer has drawn this page of the PDF. */
export async function rendered(page: Page, pageNumber: number): Promise<void> {
  await page.locator(`[data-testid="pdf-page"][data-rendered-page="${pageNumber}"]`).waitFor();
}

/** Dark pixels on the page's canvas: text and lines, where a blank sheet has none. */
export function inked(page: Page): Promise<number> {
  return page.getByTestId('pdf-page').evaluate((canvas) => {
    const element = canvas as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const { data } = element.getContext('2d').getImageData(0, 0, element.width, element.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 1]! < 128 && data[i + 2]! < 128 && data[i + 3]! > 0) dark++;
    return dark;
  });
}
