//! Letters as a reader sees them: a word folded to the Latin letters it is
//! drawn with, for the checks that compare what a reader sees (counts and
//! names in the prose, hedges before a seed's numbers).

/// A word or a name as compared: NFKC (fullwidth letters and ligatures
/// become plain ones), lowercased with `ß` as `ss`, the apostrophes `’`
/// and `ʼ` as `'`, and Greek and Cyrillic letters that look like Latin ones
/// read as those (`Τwo` with a Greek tau is `two`, `Аlpha` with a
/// Cyrillic A is `alpha`): a reader sees the Latin word, so it is checked
/// as one.
pub fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // ASCII with `’` (`Northwind’s`): NFKC leaves both as they are and `’`
    // has no case, so only the letters are lowercased and `’` made `'`.
    if text.chars().all(|c| c.is_ascii() || c == '\u{2019}') {
        return text
            .chars()
            .map(|c| match c {
                '\u{2019}' => '\'',
                c => c.to_ascii_lowercase(),
            })
            .collect();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc().flat_map(char::to_lowercase) {
        match c {
            '\u{DF}' | '\u{1E9E}' => out.push_str("ss"),
            '\u{2019}' | '\u{2BC}' => out.push('\''),
            c => out.push(lookalike(c).unwrap_or(c)),
        }
    }
    out
}

/// The Latin letter a lowercase Greek or Cyrillic letter is drawn like.
pub fn lookalike(c: char) -> Option<char> {
    Some(match c {
        'α' | 'а' => 'a',
        'β' | 'в' | 'ь' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'ε' | 'е' | 'ё' => 'e',
        'һ' | 'н' => 'h',
        'ι' | 'і' | 'ї' | 'ӏ' => 'i',
        'ј' | 'ϳ' => 'j',
        'κ' | 'к' => 'k',
        'м' => 'm',
        'η' | 'п' => 'n',
        'ο' | 'о' | 'σ' => 'o',
        'ρ' | 'р' => 'p',
        'ԛ' => 'q',
        'г' => 'r',
        'ѕ' => 's',
        'τ' | 'т' => 't',
        'υ' | 'μ' => 'u',
        'ν' | 'ѵ' => 'v',
        'ω' | 'ԝ' | 'ш' => 'w',
        'χ' | 'х' => 'x',
        'γ' | 'у' => 'y',
        'ζ' => 'z',
        _ => return None,
    })
}
