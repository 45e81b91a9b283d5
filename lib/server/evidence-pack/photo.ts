import 'server-only';
import { scorePercent } from '@/lib/shared/bounding-box';
import type { PackPhoto } from './content';
import { boxRect, fitWithin, tagPosition, type Rect } from './layout';
import type { LoadedPhoto } from './photos';
import type { PackTexts } from './texts';
import { COLOURS, type PackWriter } from './writer';

/** Tallest a photo is drawn: two fit on a page with their legends. */
const MAX_PHOTO_HEIGHT = 330;
const TAG_SIZE = 8;
const TAG_HEIGHT = 11;

/** The AI's boxes over the photo as drawn at `frame`: a rectangle and a number tag each. */
function drawBoxes(writer: PackWriter, photo: PackPhoto, frame: Rect): void {
  const { doc } = writer;
  photo.boxes.forEach((box, index) => {
    const rect = boxRect(box, frame);
    doc.lineWidth(1.5).strokeColor(COLOURS.box).rect(rect.x, rect.y, rect.width, rect.height).stroke();
    const tag = String(index + 1);
    doc.font('bold').fontSize(TAG_SIZE);
    const width = doc.widthOfString(tag) + 4;
    const at = tagPosition(rect, frame, TAG_HEIGHT);
    doc.rect(at.x, at.y, width, TAG_HEIGHT).fill(COLOURS.box);
    doc.fillColor(COLOURS.boxText).text(tag, at.x + 2, at.y + 1.5, { lineBreak: false });
  });
}

/**
 * One photo of the pack: its heading, the image with the AI's numbered boxes over it (or why
 * it is missing), the legend of the boxes and the photo's SHA-256.
 */
export function drawPhoto(
  writer: PackWriter,
  photo: PackPhoto,
  loaded: LoadedPhoto | undefined,
  index: number,
  count: number,
  texts: PackTexts,
): void {
  const { doc } = writer;
  const { t } = texts;
  writer.subheading(t('photos.heading', { index, count, group: photo.taskGroupName }));
  writer.line(t('photos.received', { when: texts.date(photo.createDate) }), { colour: COLOURS.muted, size: 9 });

  if (photo.file.state === 'included' && loaded?.bytes && loaded.width && loaded.height) {
    const size = fitWithin(loaded.width, loaded.height, writer.width, MAX_PHOTO_HEIGHT);
    writer.ensureSpace(size.height + 12);
    const frame = { x: writer.left, y: doc.y + 4, ...size };
    doc.image(Buffer.from(loaded.bytes.buffer, loaded.bytes.byteOffset, loaded.bytes.byteLength), frame.x, frame.y, {
      width: frame.width,
      height: frame.height,
    });
    drawBoxes(writer, photo, frame);
    doc.x = writer.left;
    doc.y = frame.y + frame.height + 6;
  } else if (photo.file.state === 'missing') {
    writer.line(t('photos.missing', { reason: t(`photos.reasons.${photo.file.reason}`) }), { font: 'bold', colour: COLOURS.box });
  }

  writer.line(t('photos.boxes', { count: photo.boxes.length }), { size: 9 });
  photo.boxes.forEach((box, boxIndex) => {
    const score = scorePercent(box.score);
    const parts = [
      t('photos.box', { number: boxIndex + 1, task: `${box.taskGroupName} / ${box.taskName}` }),
      ...(box.label ? [t('photos.boxLabel', { label: box.label })] : []),
      ...(score !== null ? [t('photos.boxScore', { score })] : []),
    ];
    writer.line(parts.join(' · '), { size: 9, indent: 10 });
  });
  if (photo.file.state === 'included') writer.line(t('photos.sha', { hash: photo.file.sha256 }), { font: 'mono', size: 8, colour: COLOURS.muted });
}
