// Package analysis turns text into search index terms and query words into
// the terms to look them up by. The search engine uses it on both sides, so a
// query matches a document exactly when some form of each query word equals
// some index term of the document; everything "forgiving" about Recto's
// search lives here.
//
// # Words
//
// Text is split into words: maximal runs of letters (Unicode L*), digits
// (N*) and combining marks (M*) of one script class. The classes are
//
//   - Latin: Latin letters, and all digits of any script, so "1945" and
//     "r9401ss" are Latin words;
//   - Cyrillic;
//   - CJK: Han, Hiragana, Katakana, Hangul and Bopomofo, plus the prolonged
//     sound mark ー and the half-width (semi-)voiced sound marks;
//   - Other: every other script (Arabic, Greek, Hebrew, Georgian, …).
//
// A change of class ends a word ("1945年" is "1945" then "年"). A combining
// mark continues whatever word it follows. Hyphens and all other
// punctuation split words. An apostrophe (', ’, ʼ, ʻ) or the transliteration
// primes ʹ and ʺ join a Latin or Cyrillic word when they stand between two of
// its letters ("Stalin's", "O'Brien", Ukrainian "м'ясо", library
// romanisation "Gorʹkiĭ").
//
// # Folding
//
// Every word is folded: compatibility-decomposed (NFKD), combining marks
// (Mn, Me) removed, lower-cased (ς as σ), and ß→ss, æ→ae, œ→oe, ø→o, ł→l,
// đ→d, ð→d, þ→th, ı→i, ŀ→l. Decimal digits of every script become ASCII
// digits (Arabic-Indic ١٩٤٥ → 1945). Apostrophes become ' in Latin words;
// primes, and all apostrophes in Cyrillic words, are dropped. Exceptions:
//
//   - Cyrillic keeps the letters й, ї, ў, ѓ, ќ (the marks make them distinct
//     letters with their own transliteration; a decomposed и + U+0306 is
//     recomposed to й) and folds ё to е, as Russian writing mostly does;
//     stress accents are removed.
//   - CJK uses NFKC instead of NFKD, because NFKD would split Hangul
//     syllables into jamo and strip the kana voicing marks (が → か).
//   - Arabic script also loses the tatweel, and Persian/Urdu ی and ک are
//     written as Arabic ي and ك (the same letters in another encoding).
//     Alef maqsura ى and yeh ي are not merged, because they are distinct
//     vowels in Uyghur. Harakat and hamza marks go with the Mn marks.
//
// A word that folds to nothing (a lone modifier letter such as ͺ) is kept as
// written.
//
// # Index terms
//
// [Analyzer.Analyze] gives each word one position and these terms:
//
//   - Latin word w: en(fold(w)), the English Snowball stem; words with
//     digits are not stemmed ("Stalin's" → stalin, "letters" → letter).
//   - Cyrillic word w: ru(fold(w)), the Russian Snowball stem, and at the
//     same position xlat(ru(fold(w))), that stem transliterated to Latin
//     ("Сталина" → сталин, stalin).
//   - CJK run: its overlapping character bigrams, one position each
//     ("北京条约" → 北京 京条 条约); a one-character run is that character.
//   - Other: the folded word.
//
// Words longer than 100 bytes are not stemmed (they are not language).
//
// # Query forms
//
// [Analyzer.QueryForms] gives the terms one query word may match:
//
//   - Latin word w: en(fold(w)) and, if fold(w) is only ASCII letters,
//     xlat(ru(back(fold(w)))), where back undoes xlat for Russian. So
//     "Khrushchev" → back хрущев → ru хрущ → khrushch, the term "Хрущёв" was
//     indexed under; the other form, en(khrushchev) = khrushchev, is the
//     term of the genitive "Хрущёва", whose stem is хрущев.
//   - Cyrillic word w: ru(fold(w)), xlat(ru(fold(w))), en(xlat(fold(w))) —
//     so "Сталин" finds English "Stalin's" — and en of the variant of xlat
//     that writes е as "ye" at the start of a word and after a vowel, ъ, ь
//     or й, so "Ельцин" finds "Yeltsin" as well as "Eltsin".
//   - CJK run: its bigrams, which the caller must all find (AND).
//   - Other: the folded word.
//
// # Transliteration
//
// xlat ([Translit]) is BGN/PCGN-based, lower case and ASCII only:
//
//	а a   б b   в v   г g   д d   е e   ё e   ж zh  з z   и i   й y
//	к k   л l   м m   н n   о o   п p   р r   с s   т t   у u   ф f
//	х kh  ц ts  ч ch  ш sh  щ shch ъ -  ы y   ь -   э e   ю yu  я ya
//	Ukrainian    і i   ї yi  є ye  ґ g
//	Belarusian   ў w
//	Kazakh       ә a   ғ gh  қ q   ң ng  ө o   ұ u   ү u   һ h
//	Tajik, Tatar ҳ h   ҷ j   җ zh
//	Serbian, Macedonian
//	             ђ dj  ј j   љ lj  њ nj  ћ c   џ dz  ѓ gj  ќ kj  ѕ dz
//	pre-1918     ѣ e   ѳ f   ѵ i
//
// (- means the letter is dropped.) Other Cyrillic letters are written as
// their base letter when they have one (ӣ → i, ӧ → o) and dropped otherwise.
// Departing from BGN/PCGN, ё is e (English usage: Khrushchev, Gorbachev), and
// a word-final ий or ый is y, not iy/yy, as English writes Russian names and
// adjectives (Троцкий → trotsky, Достоевский → dostoevsky, Грозный →
// grozny); otherwise "Троцкий" could not find "Trotsky's".
//
// back maps, longest match first: shch щ; zh ж, kh х, ts ц, ch ч, sh ш,
// yu ю, ya я, yo е, ye е; x кс; y й after a vowel or at the end of the word,
// ы elsewhere; and the single letters of the table. The final-y rule makes
// "Trotsky" → троцкй and "Tolstoy" → толстой, which the Russian stemmer
// reduces to the same stems as Троцкий/Троцкого and Толстой/Толстого. A word
// with c, h (outside kh, zh, ch, sh), j, q or w is not Russian in this
// romanisation and gets no back form.
//
// # Known limits
//
// Scripts written without spaces other than CJK (Thai, Lao, Khmer, Burmese)
// give one word per run. Removing Mn marks also removes Indic viramas and
// vowel signs that are Mn, which makes such words match more loosely.
package analysis
