//! How a display name reads to a person, so that a user's preset cannot pass for a shipped
//! one: characters that draw nothing or reorder the text are found, and two names that differ
//! only in case, spacing, punctuation or letters drawn alike get the same [`key`].

/// Whether `ch` draws nothing, or changes how the characters around it are drawn or ordered:
/// control characters, bidi marks, embeddings and isolates, zero-width characters, fillers,
/// variation selectors and tags. A name holding one can read as another name.
pub fn is_hidden(ch: char) -> bool {
    ch.is_control()
        || matches!(
            ch,
            '\u{00AD}' // soft hyphen
                | '\u{034F}' // combining grapheme joiner
                | '\u{061C}' // Arabic letter mark
                | '\u{115F}'..='\u{1160}' // Hangul fillers
                | '\u{17B4}'..='\u{17B5}' // Khmer inherent vowels
                | '\u{180B}'..='\u{180F}' // Mongolian variation selectors, vowel separator
                | '\u{200B}'..='\u{200F}' // zero-width space, (non-)joiner, LRM, RLM
                | '\u{2028}'..='\u{202E}' // line/paragraph separators, bidi embeddings
                | '\u{2060}'..='\u{206F}' // word joiner, invisible operators, bidi isolates
                | '\u{3164}' // Hangul filler
                | '\u{FE00}'..='\u{FE0F}' // variation selectors
                | '\u{FEFF}' // zero-width no-break space (BOM)
                | '\u{FFA0}' // halfwidth Hangul filler
                | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
                | '\u{1D173}'..='\u{1D17A}' // musical formatting
                | '\u{E0000}'..='\u{E007F}' // tags
                | '\u{E0100}'..='\u{E01EF}' // variation selectors supplement
        )
}

/// The Latin letter (or ASCII character) `ch` is drawn like, when it is a fullwidth form or a
/// Cyrillic or Greek letter that looks like a Latin one; otherwise `ch`. Mapped before
/// lowercasing, since a capital and its small letter may look like different Latin letters
/// (Greek Ν is N, ν is v).
fn latin_look_alike(ch: char) -> char {
    match ch {
        // Fullwidth ASCII: "Ｗｈｅｒｅｈｏｕｓｅ".
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
        // Cyrillic.
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' => 'E',
        'Н' => 'H',
        'І' => 'I',
        'Ј' => 'J',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Ѕ' => 'S',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'а' => 'a',
        'с' => 'c',
        'ԁ' => 'd',
        'е' => 'e',
        'һ' => 'h',
        'і' => 'i',
        'ј' => 'j',
        'ӏ' => 'l',
        'о' => 'o',
        'р' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'ԝ' => 'w',
        'х' => 'x',
        'у' => 'y',
        // Greek.
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'α' => 'a',
        'ι' => 'i',
        'κ' => 'k',
        'ν' => 'v',
        'ο' => 'o',
        'ρ' => 'p',
        'υ' => 'u',
        'χ' => 'x',
        _ => ch,
    }
}

/// What a name reads as: hidden characters left out, look-alike letters taken as the Latin
/// ones, lowercase, letters and digits only. "Where House", " wherehouse ", "WHEREHOUSE.",
/// "Wherehouse" with a zero-width space inside or a Cyrillic "е" all read as "wherehouse".
pub fn key(name: &str) -> String {
    name.chars()
        .filter(|&c| !is_hidden(c))
        .map(latin_look_alike)
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_spacing_punctuation_and_hidden_characters_read_alike() {
        for name in [
            "Wherehouse",
            "wherehouse",
            "  WHEREHOUSE  ",
            "Where house",
            "Where-house.",
            "Where\u{200B}house",
            "\u{2066}Wherehouse\u{2069}",
            "Wherehouse\u{FE0F}",
            "Where\u{00A0}house",
            "Where\u{3000}house",
        ] {
            assert_eq!(key(name), "wherehouse", "{name:?}");
        }
        assert_ne!(key("Wherehouse 2"), "wherehouse");
        assert_ne!(key("Warehouse"), "wherehouse");
    }

    #[test]
    fn letters_drawn_like_latin_ones_read_as_them() {
        // Cyrillic е and о, Greek Ε and Ο, fullwidth letters.
        assert_eq!(key("Wh\u{0435}r\u{0435}h\u{043E}us\u{0435}"), "wherehouse");
        assert_eq!(key("WH\u{0395}REH\u{039F}USE"), "wherehouse");
        assert_eq!(key("Ｗｈｅｒｅｈｏｕｓｅ"), "wherehouse");
        assert_eq!(key("\u{03BD}iolet"), "violet");
        assert_eq!(key("\u{039D}ext"), "next");
        // Other scripts keep their letters.
        assert_eq!(key("Шлюз"), "шлюз");
        assert_eq!(key("倉庫"), "倉庫");
    }

    #[test]
    fn hidden_characters_are_found() {
        for ch in [
            '\u{0007}',
            '\n',
            '\t',
            '\u{200B}',
            '\u{200D}',
            '\u{200E}',
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{3164}',
            '\u{E0041}',
        ] {
            assert!(is_hidden(ch), "U+{:04X}", ch as u32);
        }
        for ch in ['a', ' ', '\u{00A0}', 'é', '倉', '-', '(', '&'] {
            assert!(!is_hidden(ch), "U+{:04X}", ch as u32);
        }
    }
}
