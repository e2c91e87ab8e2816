/**
 * Lorem-ipsum filler is recognised by its vocabulary, not by the word "lorem": generators
 * (lipsum, faker, JSON generators) draw sentences from fixed Latin word lists. A sentence made
 * mostly of those words is filler; a real sentence that borrows "ad hoc" or "et al." is not.
 */

/** Words of the classic passage and of the common generators' lists that are not English words. */
const FILLER_WORDS = new Set(
  `lorem ipsum amet consectetur consectetuer adipiscing adipisicing elit eiusmod tempor incididunt ut labore dolore
  aliqua enim veniam quis nostrud exercitation ullamco laboris nisi aliquip ea commodo consequat duis aute irure
  reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint occaecat cupidatat proident sunt
  officia deserunt mollit anim laborum accumsan aenean aliquam aliquet arcu auctor augue bibendum blandit
  condimentum congue convallis cras curabitur cursus dapibus diam dictum dictumst dignissim donec dui egestas eget
  eleifend elementum erat etiam eu euismod facilisi facilisis fames faucibus felis fermentum feugiat fringilla fusce
  gravida habitant habitasse hendrerit iaculis imperdiet interdum justo lacinia lacus laoreet lectus libero ligula
  lobortis luctus maecenas magnis malesuada massa mattis mauris metus molestie mollis montes morbi nascetur natoque
  neque netus nibh nisl nullam nunc odio orci ornare parturient pellentesque penatibus pharetra phasellus placerat
  platea porta porttitor posuere potenti praesent pretium proin pulvinar purus quam quisque rhoncus ridiculus risus
  rutrum sagittis sapien scelerisque sem senectus sociis sodales sollicitudin suscipit suspendisse tellus tempus
  tincidunt tortor tristique turpis ultrices ultricies urna varius vel venenatis vestibulum vivamus viverra volutpat
  vulputate accusantium doloremque laudantium totam rem aperiam eaque ipsa quae ab illo inventore veritatis quasi
  architecto beatae dicta explicabo nemo ipsam voluptatem quia voluptas aspernatur aut odit fugit consequuntur magni
  dolores eos ratione sequi nesciunt neque porro quisquam dolorem adipisci numquam eius modi tempora incidunt magnam
  quaerat voluptatum exercitationem ullam corporis suscipit laboriosam aliquid commodi consequatur quis autem vel eum
  iure quam nihil molestiae illum fugiat quo voluptas nulla at vero accusamus iusto odio dignissimos ducimus blanditiis
  praesentium deleniti atque corrupti quos quas molestias excepturi occaecati cupiditate provident similique
  mollitia animi laborum dolorum fuga harum quidem rerum facilis expedita distinctio libero tempore soluta nobis
  eligendi optio cumque impedit minus quod maxime placeat facere possimus omnis assumenda repellendus temporibus
  quibusdam officiis debitis necessitatibus saepe eveniet voluptates repudiandae recusandae itaque earum hic tenetur
  sapiente delectus reiciendis voluptatibus maiores perferendis doloribus asperiores repellat sed nam sit amet
  consequatur vitae aut sint iste natus error perspiciatis unde omnis voluptatem accusantium`
    .split(/\s+/)
    .filter((word) => word !== ''),
);

/**
 * Latin words that are also English words, names, or parts of Latin phrases English uses on
 * purpose ("in situ", "et al.", "ad hoc", "magna cum laude", "curriculum vitae", "mea culpa").
 * They count neither for nor against filler.
 */
const SHARED_WORDS = new Set(
  `a ab ad an at do et ex in id is it me mi no non nam sit sed est hac dis mus leo cum magna nec semper vitae alias
  minima maxima ante integer culpa minim dolor tempus eros qui via vice versa situ hoc per se facto quo pro bono status
  quid ergo al vs sic ca cf eg ie etc ibid dolores error hic nemo quasi minus fuga iste natus omnis totam rem magni
  illum iure modi optio placeat libero massa porta sem urna arcu felis justo risus dictum ratio`
    .split(/\s+/)
    .filter((word) => word !== ''),
);

/** The words that count as filler: generator words that are not shared. */
const COUNTING_WORDS = [...FILLER_WORDS].filter((word) => !SHARED_WORDS.has(word));
/**
 * A filler word in lower-cased text: every filler sentence has one, and as a word of a sentence
 * it is a run of a-z letters on its own there (its letters lower-case as they do alone, and the
 * words are ASCII). Most text has none, and is done with in one scan.
 */
const ANY_COUNTING_WORD = new RegExp(`(?<![a-z])(?:${COUNTING_WORDS.join('|')})(?![a-z])`);

/** Whether `text` may hold a filler sentence: false only when no sentence of it is filler. */
export function mayHoldFiller(text: string): boolean {
  return ANY_COUNTING_WORD.test(text.toLowerCase());
}

const WORD = /[\p{L}][\p{L}'’-]*/gu;
const SENTENCE_END = /[.!?…]+(?=\s|$)|\n\s*\n/g;

export interface FillerSpan {
  /** Index of the sentence's first character in the analysed text. */
  start: number;
  end: number;
  /** Filler words found, for the message. */
  fillerWords: number;
}

/** Splits text into sentences (index ranges), keeping abbreviations like "e.g." inside. */
function sentences(text: string): Array<{ start: number; end: number }> {
  const ranges: Array<{ start: number; end: number }> = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(text); match; match = SENTENCE_END.exec(text)) {
    const end = match.index + match[0].length;
    const before = text.slice(Math.max(start, match.index - 4), match.index + 1).toLowerCase();
    // "e.g." "i.e." "et al." "etc." do not end a sentence.
    if (/(?:\be\.g|\bi\.e|\bal|\betc|\bvs|\bcf)\.$/.test(before) && match[0] === '.') continue;
    ranges.push({ start, end });
    start = end;
  }
  if (start < text.length) ranges.push({ start, end: text.length });
  return ranges.filter((range) => /\p{L}/u.test(text.slice(range.start, range.end)));
}

/** Scores one sentence: is it made mostly of generator vocabulary? */
export function isFillerSentence(sentence: string): { filler: boolean; fillerWords: number } {
  let filler = 0;
  let other = 0;
  let shared = 0;
  let signature = false;
  for (const match of sentence.matchAll(WORD)) {
    const word = match[0].toLowerCase().replace(/['’-]+$/, '');
    if (word === 'ipsum' || word === 'lorem') signature = true;
    if (SHARED_WORDS.has(word)) shared++;
    else if (FILLER_WORDS.has(word)) filler++;
    else other++;
  }
  const isFiller =
    // Mostly generator words: they outweigh everything else two to one.
    (filler >= 2 && filler >= 2 * other) ||
    // Nothing but Latin ("Irure culpa est est."), even when most words are also English.
    (filler >= 1 && other === 0 && filler + shared >= 3) ||
    // "Bacon ipsum dolor amet brisket pariatur…": a generator's signature word with its vocabulary.
    (signature && filler >= 3 && filler * 2 >= other);
  return { filler: isFiller, fillerWords: filler };
}

/** The filler sentences of a text, in order. */
export function findFiller(text: string): FillerSpan[] {
  const found: FillerSpan[] = [];
  if (!mayHoldFiller(text)) return found;
  for (const range of sentences(text)) {
    const slice = text.slice(range.start, range.end);
    const score = isFillerSentence(slice);
    if (!score.filler) continue;
    const lead = slice.search(/\S/);
    const trimmedEnd = slice.trimEnd().length;
    found.push({ start: range.start + Math.max(0, lead), end: range.start + trimmedEnd, fillerWords: score.fillerWords });
  }
  return found;
}
