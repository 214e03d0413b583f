import { expect, test, type Page } from '@playwright/test';
import { hook, openInEnglish, runToEnd, seekTo, selectPreset } from './helpers';

/**
 * The Kafka journeys: crash the partition leader by hand. With acks=1 the leader acknowledged
 * writes its followers had not fetched, and they are lost; with acks=all nothing is lost.
 */
async function faultsOf(page: Page): Promise<unknown[]> {
  return (await hook(page)).doc['faults'] as unknown[];
}

/**
 * The log cells are painted on a canvas over the rows: the middle of the leader's row (between
 * its label and its offsets) is mostly covered by them.
 */
async function expectLeaderRowPainted(page: Page): Promise<void> {
  const row = page.locator('g.store[data-store-role="leader"] rect.row').first();
  const box = await row.boundingBox();
  expect(box).not.toBeNull();
  if (!box) return;
  const painted = await page.getByTestId('cells').evaluate((c, b) => {
    const canvas = c as HTMLCanvasElement;
    const r = canvas.getBoundingClientRect();
    const k = canvas.width / r.width;
    // The whole row: the canvas holds only the log cells (the label, its role icon and the
    // row's HW / LEO labels are SVG), and where the cells sit depends on how wide those labels are.
    const img = canvas
      .getContext('2d')
      ?.getImageData((b.x - r.x) * k, (b.y - r.y) * k, b.width * k, b.height * k);
    let n = 0;
    for (let i = 3; i < (img?.data.length ?? 0); i += 4) if ((img?.data[i] ?? 0) > 0) n++;
    return n / (k * k);
  }, box);
  // Painted cells cover at least a sixth of the row (about a third with the compact HW label).
  expect(painted).toBeGreaterThan((box.width * box.height) / 6);
}

async function crashLeader(page: Page, preset: string): Promise<string> {
  await openInEnglish(page);
  await selectPreset(page, preset);
  await runToEnd(page);
  // The preset comes with its own leader crash; take its faults off the timeline (keyboard:
  // focus a marker, Delete) so the crash below is the one made by hand.
  const markers = page.getByRole('button', { name: /^Faults: / });
  while ((await markers.count()) > 0) {
    await markers.first().focus();
    await page.keyboard.press('Delete');
    await expect.poll(async () => faultsOf(page)).toHaveLength(await markers.count());
  }
  await expect.poll(async () => faultsOf(page)).toEqual([]);
  const atMs = 5000;
  await seekTo(page, atMs);
  const leader = page.locator('g.node[data-role="broker"][data-leader="true"]').first();
  const id = await leader.getAttribute('data-node');
  expect(id).not.toBeNull();
  await leader.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Crash', exact: true }).click();
  await expect
    .poll(async () => faultsOf(page))
    .toContainEqual(expect.objectContaining({ type: 'crash', atMs, node: id }));
  await expect(page.locator(`g.node[data-node="${id}"]`)).toHaveAttribute('data-status', 'crashed');
  await page.screenshot({ path: test.info().outputPath(`${preset}-crashed.png`) });
  await seekTo(page, 20_000);
  await page.locator(`g.node[data-node="${id}"]`).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Restart', exact: true }).click();
  await expect
    .poll(async () => faultsOf(page))
    .toContainEqual(expect.objectContaining({ type: 'restart', atMs: 20_000, node: id }));
  await runToEnd(page);
  await page.getByRole('tab', { name: 'Anomaly explorer' }).click();
  return id ?? '';
}

test('acks=1: crashing the partition leader loses an acknowledged message, and says why', async ({
  page,
}) => {
  const leader = await crashLeader(page, 'kafka-acks1-leader-crash');
  await expect(page.getByTestId('count-lost')).not.toContainText(/^\D*0\D*$/);
  await page.locator('.anomaly-lost button').first().click();
  const why = page.getByTestId('explanation');
  await expect(why).toContainText(leader);
  await expect(why).toContainText('crash');
  await page.screenshot({ path: test.info().outputPath('kafka-acks1-lost.png') });
});

test('acks=all: the same leader crash loses nothing', async ({ page }) => {
  await crashLeader(page, 'kafka-acks-all-leader-crash');
  await expect(page.getByTestId('count-lost')).toContainText(/^\D*0\D*lost/);
  // "No anomalies" names what protected the messages, from the mechanisms the run recorded.
  await expect(page.getByTestId('protections')).toContainText('acks=all waited for the ISR');
  await expectLeaderRowPainted(page);
  await page.screenshot({ path: test.info().outputPath('kafka-acks-all.png') });
});

test('the inspector shows a producer’s batches in flight and a consumer’s position and commits', async ({
  page,
}) => {
  await openInEnglish(page);
  await selectPreset(page, 'kafka-c3-idempotent-producer');
  await runToEnd(page);
  // At 5.01 s the first produce responses were lost (the preset's fault) and two batches wait.
  await seekTo(page, 5010);
  await page.locator('g.node[data-node="p1"]').click();
  await page.getByRole('tab', { name: 'Inspector' }).click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector.locator('[data-detail="batches"] dt')).toHaveText(/batches in flight/);
  await expect(inspector.locator('[data-detail="batches"] dd')).toContainText(
    'p0 seq 301-301, 1 rec, attempt 1 -> broker-1',
  );
  await expect(inspector.locator('[data-detail="nextSeq"] dd')).toHaveText('p0 502');
  await page.screenshot({ path: test.info().outputPath('inspector-producer.png') });
  await page.locator('g.node[data-node="c1"]').click();
  await expect(inspector.locator('[data-detail="position"] dd')).toHaveText('p0 500');
  await expect(inspector.locator('[data-detail="committed"] dd')).toHaveText('p0 500');
  await expect(inspector.locator('[data-detail="sink"] dd')).toContainText('insert: 500 rows');
  await page.screenshot({ path: test.info().outputPath('inspector-consumer.png') });
});

test('log rows painted while playing stay painted after a pause', async ({ page }) => {
  await openInEnglish(page);
  await selectPreset(page, 'kafka-acks-all-leader-crash');
  await runToEnd(page);
  await seekTo(page, 0);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await hook(page)).tUs, { timeout: 10_000 }).toBeGreaterThan(2e6);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expectLeaderRowPainted(page);
});
