import { generateEvidencePack } from '@/lib/server/dal/evidence-pack';
import { handler, routeMethods } from '@/lib/server/http/route';
import { pdfDownload } from '@/lib/server/http/pdf-download';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /**
   * POST /api/work-orders/{id}/evidence-pack (supervisor) → `application/pdf` attachment, the
   * work order's evidence pack. A POST: it records the pack in the audit log. `X-Pack-Id` is
   * its reference there; `X-Content-Sha256` the hash printed in it; `X-Pdf-Sha256` the hash of
   * the PDF's bytes, as the audit row holds it.
   */
  POST: handler(async (route) => {
    const pack = await route.run(generateEvidencePack);
    return pdfDownload(pack, { 'X-Pack-Id': pack.packId, 'X-Content-Sha256': pack.contentSha256, 'X-Pdf-Sha256': pack.pdfSha256 });
  }),
});
