import { v7 as uuidv7 } from 'uuid';

/** A note body full of personal data, each value distinctive enough to be found in a log. */
export function personalNote() {
  const marker = uuidv7().slice(-6);
  return {
    authorSubjectId: uuidv7(),
    authorName: `Mariella Tortorici ${marker}`,
    text: `Chiamata dal 347 555 ${marker}, codice fiscale TRTMLL80A41H501${marker.slice(0, 1).toUpperCase()}`,
  };
}
