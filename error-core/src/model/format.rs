//! How a catalog writes its codes, and the code strings themselves.
//!
//! `#[derive(ErrorCatalog)]` parses the catalog's `format` once, at compile
//! time, into [`Segment`]s: literal text, numbers (zero-padded or not),
//! fixed-width alphanumeric parts and words in a stated case. What is left
//! at run time is one pass over the segments, to write a code or to read one
//! back; the same `const fn` checks every code of the crate at compile time,
//! so a code that the catalog cannot write, or that it could not read back,
//! never builds.
//!
//! | format | shape | a code | the attribute |
//! |---|---|---|---|
//! | `ERR-{module:02}-{code:03}` | [`Shape::Numbered`] | `ERR-01-004` | `module = 1, code = 4` |
//! | `E{code:04}` | [`Shape::Flat`] | `E0308` | `code = 308` |
//! | `{code}` with `start = 0` | [`Shape::Flat`] | `0` | `code = 0` |
//! | `{code}` with `start = -32768` | [`Shape::Flat`] | `-32601` | `code = -32601` |
//! | `0x{code:X8}` | [`Shape::Flat`] | `0x80070005` | `code = 0x8007_0005` |
//! | `{class:A2}{subclass:A3}` | [`Shape::Text`] | `22P02` | `code = "22P02"` |
//! | `{class}.{subject}.{detail}` | [`Shape::Text`] | `5.7.17` | `code = "5.7.17"` |
//! | `{code:snake_case}` | [`Shape::Text`] | `card_declined` | `code = "card_declined"` |

use core::fmt;

/// The longest code string a catalog may write, in bytes.
pub const MAX_CODE_LEN: usize = 64;

/// The most decimal digits of a number: an `i64` has 19.
const MAX_DIGITS: usize = 19;

/// The most digits of an unpadded number that is one part of a longer code
/// (`5.7.1`, `ERR-{module}-{code}`): a part stays small, the whole number of
/// a flat code (`{code}`) may be any `i64`.
const MAX_PART_DIGITS: u8 = 4;

/// How many digits an unpadded number of `format` may have.
const fn unpadded_digits(format: &CodeFormat) -> u8 {
    // 19 digits: fits a u8.
    #[allow(clippy::cast_possible_truncation)]
    if matches!(format.shape, Shape::Flat) { MAX_DIGITS as u8 } else { MAX_PART_DIGITS }
}

/// What the codes of a catalog are made of, which decides how an error
/// states its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// A module number and a code number (`ERR-{module:02}-{code:03}`):
    /// errors say `module = 1, code = 4`.
    Numbered,
    /// One number (`E{code:04}`, `{code}`, `0x{code:X8}`): errors say
    /// `code = 308`, `code = -32601` or `code = 0x8007_0005`.
    Flat,
    /// Anything else: words (`{code:snake_case}`), alphanumeric parts
    /// (`{class:A2}{subclass:A3}`), three or more parts (`{a}.{b}.{c}`).
    /// Errors give the whole code: `code = "card_declined"`.
    Text,
}

/// A part of a code format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Segment {
    /// Literal text, `{{` and `}}` already read as braces.
    Literal(&'static str),
    /// Decimal digits: `{name:03}` pads to `width` digits, `{name}` writes
    /// as many as the number needs (then `width` is 0), after a `-` when it
    /// is negative (only a catalog with a negative `start` has such codes).
    Number {
        /// The placeholder's name (`module`, `code`, ...).
        name: &'static str,
        /// Digits when padded; 0 when not.
        width: u8,
    },
    /// Exactly `width` hexadecimal digits: `{name:X8}` in upper case,
    /// `{name:x8}` in lower case.
    Hex {
        /// The placeholder's name.
        name: &'static str,
        /// How many digits.
        width: u8,
        /// Whether the letters are `a-f` rather than `A-F`.
        lower: bool,
    },
    /// Exactly `width` characters from `0-9` and `A-Z`: `{class:A2}`.
    Alphanumeric {
        /// The placeholder's name.
        name: &'static str,
        /// How many characters.
        width: u8,
    },
    /// A word in one case: `{code:snake_case}`.
    Word {
        /// The placeholder's name.
        name: &'static str,
        /// Its case.
        case: Case,
    },
}

/// The case of a word segment, named as serde's `rename_all` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Case {
    /// `card_declined`
    Snake,
    /// `RESOURCE_EXHAUSTED`
    ScreamingSnake,
    /// `NoSuchKey`
    Pascal,
    /// `noSuchKey`
    Camel,
    /// `no-such-key`
    Kebab,
}

impl Case {
    /// The name a format uses for the case (`snake_case`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Snake => "snake_case",
            Self::ScreamingSnake => "SCREAMING_SNAKE_CASE",
            Self::Pascal => "PascalCase",
            Self::Camel => "camelCase",
            Self::Kebab => "kebab-case",
        }
    }

    /// Whether `byte` may appear in a word of this case.
    const fn allows(self, byte: u8) -> bool {
        match self {
            Self::Snake => byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_',
            Self::ScreamingSnake => byte.is_ascii_uppercase() || byte.is_ascii_digit() || byte == b'_',
            Self::Pascal | Self::Camel => byte.is_ascii_alphanumeric(),
            Self::Kebab => byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-',
        }
    }

    /// Whether `word`, made of allowed bytes, is well formed: it starts with
    /// a letter of the right case and has no empty part between separators.
    const fn accepts(self, word: &[u8]) -> bool {
        let Some(&first) = word.first() else { return false };
        let first_ok = match self {
            Self::Snake | Self::Camel | Self::Kebab => first.is_ascii_lowercase(),
            Self::ScreamingSnake | Self::Pascal => first.is_ascii_uppercase(),
        };
        let separator = match self {
            Self::Snake | Self::ScreamingSnake => b'_',
            Self::Kebab => b'-',
            Self::Pascal | Self::Camel => return first_ok,
        };
        if !first_ok || word[word.len() - 1] == separator {
            return false;
        }
        let mut i = 1;
        while i < word.len() {
            if word[i] == separator && word[i - 1] == separator {
                return false;
            }
            i += 1;
        }
        true
    }
}

/// How a catalog writes its codes; built by `#[derive(ErrorCatalog)]` from
/// its `format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CodeFormat {
    template: &'static str,
    shape: Shape,
    segments: &'static [Segment],
    start: i64,
    module_width: u8,
    code_width: u8,
    max_code: i64,
    /// The index in `segments` of the `{module}` part and of the `{code}`
    /// part; `usize::MAX` without one. Parsing compares indexes, not names.
    module_at: usize,
    code_at: usize,
    /// For a format of literal text and padded numbers alone (most:
    /// `ERR-{module:02}-{code:03}`, `E{code:04}`), every code has this
    /// length: the byte each position holds, [`DIGIT`] where a digit goes.
    /// 0 for any other format.
    fixed_len: usize,
    pattern: [u8; MAX_CODE_LEN],
    /// Where the module's and the code's digits are in a fixed-length code,
    /// `(start, end)`; `(0, 0)` without one.
    module_span: (usize, usize),
    code_span: (usize, usize),
}

/// A digit's place in [`CodeFormat::pattern`]: 0xFF is no byte of UTF-8.
const DIGIT: u8 = 0xFF;

impl CodeFormat {
    #[doc(hidden)]
    #[must_use]
    pub const fn __new(template: &'static str, shape: Shape, segments: &'static [Segment], start: i64) -> Self {
        let mut module_width = 0;
        let mut code_width = 0;
        let mut max_code = i64::MAX;
        // The longest code the parts can write; a word has no bound here,
        // each code is checked when it is written.
        let mut longest = 0;
        let (mut module_at, mut code_at) = (usize::MAX, usize::MAX);
        let mut i = 0;
        while i < segments.len() {
            if let Some(name) = part_name(segments[i]) {
                if bytes_eq(name.as_bytes(), b"module") {
                    module_at = i;
                } else if bytes_eq(name.as_bytes(), b"code") {
                    code_at = i;
                }
            }
            match segments[i] {
                Segment::Number { name, width } => {
                    if bytes_eq(name.as_bytes(), b"module") {
                        module_width = width;
                    } else if bytes_eq(name.as_bytes(), b"code") {
                        code_width = width;
                        max_code = if width == 0 && !matches!(shape, Shape::Flat) {
                            max_for_width(MAX_PART_DIGITS)
                        } else {
                            max_for_width(width)
                        };
                    }
                    // Unpadded: a sign and every digit of an `i64`.
                    longest += if width == 0 { MAX_DIGITS + 1 } else { width as usize };
                }
                Segment::Hex { name, width, .. } => {
                    if bytes_eq(name.as_bytes(), b"code") {
                        code_width = width;
                        max_code = max_for_hex(width);
                    }
                    longest += width as usize;
                }
                Segment::Literal(text) => longest += text.len(),
                Segment::Alphanumeric { width, .. } => longest += width as usize,
                Segment::Word { .. } => {}
            }
            i += 1;
        }
        assert!(longest <= MAX_CODE_LEN, "the catalog's format writes codes longer than 64 bytes");
        let (fixed_len, pattern, module_span, code_span) = fixed_pattern(shape, segments, module_at, code_at);
        Self {
            template,
            shape,
            segments,
            start,
            module_width,
            code_width,
            max_code,
            module_at,
            code_at,
            fixed_len,
            pattern,
            module_span,
            code_span,
        }
    }

    /// The template this format was declared with, e.g. `ERR-{module:02}-{code:03}`.
    #[must_use]
    pub const fn template(&self) -> &'static str {
        self.template
    }

    /// What the codes are made of.
    #[must_use]
    pub const fn shape(&self) -> Shape {
        self.shape
    }

    /// The parts of the format, in order.
    #[must_use]
    pub const fn segments(&self) -> &'static [Segment] {
        self.segments
    }

    /// The smallest number a numeric part may hold: 1, or what the catalog
    /// declares with `start` (0, or a negative number for a catalog of flat
    /// codes such as JSON-RPC's `-32601`).
    #[must_use]
    pub const fn start(&self) -> i64 {
        self.start
    }

    /// How many digits the module number takes (0 when it is not padded, or
    /// when the format has no module).
    #[must_use]
    pub const fn module_width(&self) -> u8 {
        self.module_width
    }

    /// How many digits the code number takes, decimal or hexadecimal (0
    /// when it is not padded, or when the format has no code number).
    #[must_use]
    pub const fn code_width(&self) -> u8 {
        self.code_width
    }

    /// The largest module number the format can write (99 for two digits).
    #[must_use]
    pub const fn max_module(&self) -> u16 {
        match self.module_width {
            1 => 9,
            _ => 99,
        }
    }

    /// The largest code number the format can write (999 for three digits,
    /// `0xFFFF_FFFF` for `{code:X8}`, `i64::MAX` unpadded).
    #[must_use]
    pub const fn max_code(&self) -> i64 {
        self.max_code
    }

    /// Whether the codes may be negative: the catalog's `start` is below 0.
    #[must_use]
    pub const fn is_signed(&self) -> bool {
        self.start < 0
    }

    /// The literal text before the first placeholder (`ERR-` for
    /// `ERR-{module:02}-{code:03}`).
    #[must_use]
    pub const fn prefix(&self) -> &'static str {
        match self.segments.first() {
            Some(Segment::Literal(text)) => text,
            _ => "",
        }
    }

    /// Writes `module` and `code` in this format (a flat format ignores
    /// `module`).
    ///
    /// # Errors
    /// Those of the writer, and [`fmt::Error`] when the numbers do not fit
    /// the format or the format does not write numbers ([`Shape::Text`]).
    pub fn write(&self, module: u16, code: i64, out: &mut dyn fmt::Write) -> fmt::Result {
        match CodeText::numbers(self, module, code) {
            Ok(text) => out.write_str(text.as_str()),
            Err(_) => Err(fmt::Error),
        }
    }

    /// Reads a code written in this format back into its module and code
    /// numbers (both 0 where the format has none).
    ///
    /// # Errors
    /// A [`ParseCodeError`] saying what did not match; never a panic,
    /// whatever the input.
    pub const fn parse(&self, text: &str) -> Result<(u16, i64), ParseCodeError> {
        scan(self, text.as_bytes())
    }

    /// Writes the format as a published page shows it, each placeholder in
    /// capitals: `ERR-{MODULE}-{CODE}`.
    ///
    /// # Errors
    /// Only those of the writer.
    pub fn write_pattern(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        for segment in self.segments {
            match *segment {
                Segment::Literal(text) => out.write_str(text)?,
                Segment::Number { name, .. }
                | Segment::Hex { name, .. }
                | Segment::Alphanumeric { name, .. }
                | Segment::Word { name, .. } => {
                    out.write_char('{')?;
                    for c in name.chars() {
                        out.write_char(c.to_ascii_uppercase())?;
                    }
                    out.write_char('}')?;
                }
            }
        }
        Ok(())
    }
}

/// The pattern of a fixed-length format (`CodeFormat`'s `pattern`): its
/// length, the byte of each position, and where the module's and the
/// code's digits are; a length of 0 when the format has none.
#[allow(clippy::type_complexity)]
const fn fixed_pattern(
    shape: Shape,
    segments: &'static [Segment],
    module_at: usize,
    code_at: usize,
) -> (usize, [u8; MAX_CODE_LEN], (usize, usize), (usize, usize)) {
    let unpadded = if matches!(shape, Shape::Flat) { MAX_DIGITS } else { MAX_PART_DIGITS as usize };
    let mut fixed = matches!(shape, Shape::Numbered | Shape::Flat);
    let mut pattern = [0; MAX_CODE_LEN];
    let (mut fixed_len, mut module_span, mut code_span) = (0, (0, 0), (0, 0));
    let mut i = 0;
    while fixed && i < segments.len() {
        let (fill, digits) = match segments[i] {
            Segment::Literal(text) => (text.as_bytes(), 0),
            Segment::Number { width, .. }
                if width != 0
                    && width as usize <= 18
                    && width as usize <= unpadded
                    && (i == module_at || i == code_at) =>
            {
                (&[] as &[u8], width as usize)
            }
            _ => {
                fixed = false;
                (&[] as &[u8], 0)
            }
        };
        if fixed_len + fill.len() + digits > MAX_CODE_LEN {
            fixed = false;
        } else {
            let mut k = 0;
            while k < fill.len() {
                pattern[fixed_len + k] = fill[k];
                k += 1;
            }
            let mut k = 0;
            while k < digits {
                pattern[fixed_len + k] = DIGIT;
                k += 1;
            }
            if digits != 0 && i == module_at {
                module_span = (fixed_len, fixed_len + digits);
            } else if digits != 0 {
                code_span = (fixed_len, fixed_len + digits);
            }
            fixed_len += fill.len() + digits;
        }
        i += 1;
    }
    if !fixed {
        (fixed_len, pattern, module_span, code_span) = (0, [0; MAX_CODE_LEN], (0, 0), (0, 0));
    }
    (fixed_len, pattern, module_span, code_span)
}

/// The largest number of `width` decimal digits; any `i64` unpadded.
const fn max_for_width(width: u8) -> i64 {
    if width == 0 || width as usize >= MAX_DIGITS {
        return i64::MAX;
    }
    10_i64.pow(width as u32) - 1
}

/// The largest number of `width` hexadecimal digits.
const fn max_for_hex(width: u8) -> i64 {
    if width >= 16 {
        return i64::MAX;
    }
    (1_i64 << (4 * width as u32)) - 1
}

/// The value of a hexadecimal digit in the stated case.
const fn hex_digit(byte: u8, lower: bool) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'A'..=b'F' if !lower => Some(byte - b'A' + 10),
        b'a'..=b'f' if lower => Some(byte - b'a' + 10),
        _ => None,
    }
}

/// Whether two byte strings are equal, in a `const fn`.
pub(crate) const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A code of a fixed-length format, checked against its pattern in one
/// pass; `None` for anything [`scan_parts`] refuses (and some it reads).
const fn scan_fixed(format: &CodeFormat, bytes: &[u8]) -> Option<Parts> {
    // Every byte is looked at, without a branch per byte.
    let mut wrong = false;
    let mut k = 0;
    while k < bytes.len() && k < MAX_CODE_LEN {
        let (want, byte) = (format.pattern[k], bytes[k]);
        let digit = want == DIGIT;
        // Bitwise on purpose: no branch per byte.
        #[allow(clippy::needless_bitwise_bool)]
        {
            wrong |= (digit & (byte.wrapping_sub(b'0') > 9)) | (!digit & (byte != want));
        }
        k += 1;
    }
    if wrong {
        return None;
    }
    let (module, code) = (digits_at(bytes, format.module_span), digits_at(bytes, format.code_span));
    let has_module = format.module_span.1 > format.module_span.0;
    if (has_module && module < format.start) || (format.code_span.1 > format.code_span.0 && code < format.start) {
        return None;
    }
    // At most four digits: the derive refuses wider modules.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Some(Parts { module: module as u16, code, module_at: format.module_span })
}

/// The value of the digits at `span`, at most 18 of them; 0 when empty.
const fn digits_at(bytes: &[u8], span: (usize, usize)) -> i64 {
    let mut value: i64 = 0;
    let mut k = span.0;
    while k < span.1 {
        value = value * 10 + (bytes[k] - b'0') as i64;
        k += 1;
    }
    value
}

/// Whether `bytes` has `text` at `at`.
const fn has_at(bytes: &[u8], at: usize, text: &[u8]) -> bool {
    if bytes.len() - at < text.len() {
        return false;
    }
    let mut k = 0;
    while k < text.len() {
        if bytes[at + k] != text[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// Reads `bytes` segment by segment; returns the numbers of the `module`
/// and `code` placeholders when they are numbers, 0 otherwise.
const fn scan(format: &CodeFormat, bytes: &[u8]) -> Result<(u16, i64), ParseCodeError> {
    match scan_parts(format, bytes) {
        Ok(parts) => Ok((parts.module, parts.code)),
        Err(error) => Err(error),
    }
}

/// What [`scan_parts`] read: the numbers, and where the `{module}` part is.
struct Parts {
    module: u16,
    code: i64,
    /// The bytes of the `{module}` part, `(start, end)`; `(0, 0)` without one.
    module_at: (usize, usize),
}

/// The text of the `{module}` part of `code`, when the format has one and
/// `code` is written in it: `0A` in SQLSTATE's `0A000`.
pub(crate) const fn module_part<'t>(format: &CodeFormat, code: &'t str) -> Option<&'t str> {
    match scan_parts(format, code.as_bytes()) {
        Ok(Parts { module_at: (start, end), .. }) if end > start => {
            let (head, _) = code.split_at(end);
            Some(head.split_at(start).1)
        }
        _ => None,
    }
}

const fn scan_parts(format: &CodeFormat, bytes: &[u8]) -> Result<Parts, ParseCodeError> {
    if bytes.len() > MAX_CODE_LEN {
        return Err(ParseCodeError::TooLong);
    }
    // A fixed-length format reads a code in one pass over its bytes; what
    // it refuses is read again below, for the error that says why.
    if format.fixed_len != 0
        && bytes.len() == format.fixed_len
        && let Some(parts) = scan_fixed(format, bytes)
    {
        return Ok(parts);
    }
    scan_general(format, bytes)
}

/// The end of `width` digits or upper-case letters at `at`.
const fn read_alphanumeric(bytes: &[u8], at: usize, width: usize) -> Result<usize, ParseCodeError> {
    if bytes.len() - at < width {
        return Err(ParseCodeError::Characters);
    }
    let mut k = 0;
    while k < width {
        let byte = bytes[at + k];
        if !(byte.is_ascii_digit() || byte.is_ascii_uppercase()) {
            return Err(ParseCodeError::Characters);
        }
        k += 1;
    }
    Ok(at + width)
}

/// The end of the word of segment `i` at `at`: it runs to the first byte
/// its case does not allow, or to the next literal; the derive refuses
/// formats where the two could be confused.
const fn read_word(
    segments: &[Segment],
    i: usize,
    bytes: &[u8],
    at: usize,
    case: Case,
) -> Result<usize, ParseCodeError> {
    let stop = match segments.split_at(i + 1).1.first() {
        Some(Segment::Literal(text)) if !text.is_empty() => Some(text.as_bytes()[0]),
        _ => None,
    };
    let mut end = at;
    while end < bytes.len() && case.allows(bytes[end]) {
        if let Some(stop) = stop
            && bytes[end] == stop
        {
            break;
        }
        end += 1;
    }
    if !case.accepts(bytes.split_at(end).0.split_at(at).1) {
        return Err(ParseCodeError::Case);
    }
    Ok(end)
}

/// [`scan_parts`] segment by segment, for any format and any text of at
/// most [`MAX_CODE_LEN`] bytes.
const fn scan_general(format: &CodeFormat, bytes: &[u8]) -> Result<Parts, ParseCodeError> {
    let segments = format.segments;
    let (mut at, mut module, mut code) = (0, 0, 0);
    let mut module_at = (0, 0);
    let mut i = 0;
    while i < segments.len() {
        let part_start = at;
        let number = match segments[i] {
            Segment::Literal(text) => {
                let text = text.as_bytes();
                if !has_at(bytes, at, text) {
                    return Err(if i == 0 {
                        ParseCodeError::Prefix
                    } else if i + 1 == segments.len() {
                        ParseCodeError::Suffix
                    } else {
                        ParseCodeError::Separator
                    });
                }
                at += text.len();
                None
            }
            Segment::Number { width, .. } => match read_decimal(format, bytes, at, width) {
                Ok((value, end)) => {
                    at = end;
                    Some(value)
                }
                Err(error) => return Err(error),
            },
            Segment::Hex { width, lower, .. } => match read_hex(bytes, at, width, lower) {
                Ok((value, end)) => {
                    at = end;
                    Some(value)
                }
                Err(error) => return Err(error),
            },
            Segment::Alphanumeric { width, .. } => match read_alphanumeric(bytes, at, width as usize) {
                Ok(end) => {
                    at = end;
                    None
                }
                Err(error) => return Err(error),
            },
            Segment::Word { case, .. } => match read_word(segments, i, bytes, at, case) {
                Ok(end) => {
                    at = end;
                    None
                }
                Err(error) => return Err(error),
            },
        };
        let is_module = i == format.module_at;
        if is_module {
            module_at = (part_start, at);
        }
        if let Some(value) = number {
            if value < format.start {
                return Err(if is_module { ParseCodeError::ZeroModule } else { ParseCodeError::ZeroCode });
            }
            if is_module {
                // At most two digits: the derive refuses wider modules.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                {
                    module = value as u16;
                }
            } else if i == format.code_at {
                code = value;
            }
        }
        i += 1;
    }
    if at != bytes.len() {
        return Err(ParseCodeError::Suffix);
    }
    Ok(Parts { module, code, module_at })
}

/// Whether `value` is between the catalog's first number and `max`.
const fn in_range(format: &CodeFormat, value: i64, max: i64) -> Result<(), WriteCodeError> {
    if value < 0 && format.start >= 0 {
        return Err(WriteCodeError::Negative);
    }
    if value < format.start {
        return Err(WriteCodeError::BelowStart);
    }
    if value > max {
        return Err(WriteCodeError::TooWide);
    }
    Ok(())
}

/// The placeholder's name of a part; `None` for literal text.
const fn part_name(segment: Segment) -> Option<&'static str> {
    match segment {
        Segment::Literal(_) => None,
        Segment::Number { name, .. }
        | Segment::Hex { name, .. }
        | Segment::Alphanumeric { name, .. }
        | Segment::Word { name, .. } => Some(name),
    }
}

/// Reads the decimal number at `at`: the value and where it ends.
const fn read_decimal(
    format: &CodeFormat,
    bytes: &[u8],
    mut at: usize,
    width: u8,
) -> Result<(i64, usize), ParseCodeError> {
    // Padded, and too short to overflow: exactly `width` digits, read in
    // one pass (most formats, `{code:03}`).
    if width != 0 && width <= 18 && width <= unpadded_digits(format) {
        let width = width as usize;
        if bytes.len() - at < width {
            return Err(ParseCodeError::Digits);
        }
        let mut value: i64 = 0;
        let mut k = 0;
        while k < width {
            let byte = bytes[at + k];
            if !byte.is_ascii_digit() {
                return Err(ParseCodeError::Digits);
            }
            value = value * 10 + (byte - b'0') as i64;
            k += 1;
        }
        return Ok((value, at + width));
    }
    // A sign only where the format can write one: unpadded, in a catalog
    // whose numbers may be negative.
    let negative = width == 0 && format.start < 0 && at < bytes.len() && bytes[at] == b'-';
    if negative {
        at += 1;
    }
    let mut end = at;
    while end < bytes.len() && bytes[end].is_ascii_digit() && (width == 0 || end - at < width as usize) {
        end += 1;
    }
    let digits = end - at;
    let leading_zero = width == 0 && digits > 1 && bytes[at] == b'0';
    let negative_zero = negative && digits == 1 && bytes[at] == b'0';
    if digits == 0
        || digits > unpadded_digits(format) as usize
        || (width != 0 && digits != width as usize)
        || leading_zero
        || negative_zero
    {
        return Err(ParseCodeError::Digits);
    }
    // Accumulated towards the sign, so that `i64::MIN` reads too.
    let mut value: i64 = 0;
    while at < end {
        let digit = (bytes[at] - b'0') as i64;
        let next = match value.checked_mul(10) {
            Some(next) if negative => next.checked_sub(digit),
            Some(next) => next.checked_add(digit),
            None => None,
        };
        let Some(next) = next else { return Err(ParseCodeError::Digits) };
        value = next;
        at += 1;
    }
    Ok((value, end))
}

/// Reads `width` hexadecimal digits at `at`: the value and where they end.
const fn read_hex(bytes: &[u8], at: usize, width: u8, lower: bool) -> Result<(i64, usize), ParseCodeError> {
    let width = width as usize;
    if bytes.len() - at < width {
        return Err(ParseCodeError::Hex);
    }
    let mut value: i64 = 0;
    let mut k = 0;
    while k < width {
        let Some(digit) = hex_digit(bytes[at + k], lower) else { return Err(ParseCodeError::Hex) };
        value = value * 16 + digit as i64;
        k += 1;
    }
    Ok((value, at + width))
}

/// Why a string is not a code of a catalog's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseCodeError {
    /// The text does not start with the format's prefix (`ERR-`).
    Prefix,
    /// A number has the wrong number of digits, a leading zero where the
    /// format does not pad, or a non-digit character.
    Digits,
    /// The text between two parts is not the format's.
    Separator,
    /// The text after the last part is not the format's.
    Suffix,
    /// The module number is below the catalog's first number (1 unless the
    /// catalog says `start = 0`).
    ZeroModule,
    /// A code number is below the catalog's first number (1 unless the
    /// catalog says `start = 0`).
    ZeroCode,
    /// An alphanumeric part has a character outside `0-9` and `A-Z`, or too
    /// few characters.
    Characters,
    /// A word is not in the case the format states.
    Case,
    /// A hexadecimal part has a character that is not a hex digit of the
    /// format's case, or too few digits.
    Hex,
    /// The text is longer than any code ([`MAX_CODE_LEN`] bytes).
    TooLong,
}

impl fmt::Display for ParseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Prefix => "error code does not start with the catalog's prefix",
            Self::Digits => "error code number has the wrong number of digits",
            Self::Separator => "error code parts are not separated as the catalog's format says",
            Self::Suffix => "error code has unexpected text after its last part",
            Self::ZeroModule => "error code module is below the catalog's first number",
            Self::ZeroCode => "error code number is below the catalog's first number",
            Self::Characters => "error code part has characters outside 0-9 and A-Z",
            Self::Case => "error code word is not in the case of the catalog's format",
            Self::Hex => "error code part is not hexadecimal digits of the catalog's case and width",
            Self::TooLong => "error code is longer than 64 bytes",
        })
    }
}

impl core::error::Error for ParseCodeError {}

/// Why a code cannot be written in a format: what [`CodeText`] refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[doc(hidden)]
pub enum WriteCodeError {
    /// The format does not write numbers alone.
    Shape,
    /// A number is below the catalog's first number.
    BelowStart,
    /// A number is negative, and the catalog's numbers start at 0 or 1.
    Negative,
    /// A number has more digits than the format writes.
    TooWide,
    /// The code is longer than [`MAX_CODE_LEN`].
    TooLong,
}

/// A code already written out, stored inline: what an
/// [`Entry`](crate::Entry) and a [`Code`](crate::Code) hold, so that reading
/// a code string costs nothing at run time and parsing one allocates
/// nothing.
#[derive(Clone, Copy)]
pub struct CodeText {
    bytes: [u8; MAX_CODE_LEN],
    len: u8,
}

impl CodeText {
    #[doc(hidden)]
    pub const EMPTY: Self = Self { bytes: [0; MAX_CODE_LEN], len: 0 };

    /// Writes `module` and `code` in `format`, at compile time.
    ///
    /// # Panics
    /// When the numbers do not fit the format; in a `const` this is a
    /// compile error, which is how the derive uses it.
    #[must_use]
    pub const fn new(format: &CodeFormat, module: u16, code: i64) -> Self {
        match Self::numbers(format, module, code) {
            Ok(text) => text,
            Err(WriteCodeError::Shape) => panic!("the catalog's codes are not numbers alone"),
            Err(WriteCodeError::BelowStart) => {
                panic!("error code numbers start at 1 unless the catalog says `start = 0`")
            }
            Err(WriteCodeError::Negative) => panic!("error code is negative, and the catalog's codes are not"),
            Err(WriteCodeError::TooWide) => {
                panic!("error code has more digits than the catalog's code format allows")
            }
            Err(WriteCodeError::TooLong) => panic!("the catalog's format writes codes longer than 64 bytes"),
        }
    }

    /// Writes the numbers of a [`Shape::Numbered`] or [`Shape::Flat`] code.
    #[doc(hidden)]
    pub const fn numbers(format: &CodeFormat, module: u16, code: i64) -> Result<Self, WriteCodeError> {
        if matches!(format.shape, Shape::Text) {
            return Err(WriteCodeError::Shape);
        }
        let mut out = Self::EMPTY;
        let mut i = 0;
        while i < format.segments.len() {
            let pushed = match format.segments[i] {
                Segment::Literal(text) => out.push(text.as_bytes()),
                Segment::Number { name, width } => {
                    let value = if bytes_eq(name.as_bytes(), b"module") { module as i64 } else { code };
                    let max = if width == 0 { max_for_width(unpadded_digits(format)) } else { max_for_width(width) };
                    if let Err(error) = in_range(format, value, max) {
                        return Err(error);
                    }
                    out.push_number(value, width)
                }
                Segment::Hex { name, width, lower } => {
                    let value = if bytes_eq(name.as_bytes(), b"module") { module as i64 } else { code };
                    if let Err(error) = in_range(format, value, max_for_hex(width)) {
                        return Err(error);
                    }
                    out.push_hex(value, width, lower)
                }
                Segment::Alphanumeric { .. } | Segment::Word { .. } => return Err(WriteCodeError::Shape),
            };
            if !pushed {
                return Err(WriteCodeError::TooLong);
            }
            i += 1;
        }
        Ok(out)
    }

    /// Checks `text` against a format and keeps it.
    ///
    /// # Errors
    /// The [`ParseCodeError`] of the first part that does not match.
    pub const fn parse(format: &CodeFormat, text: &str) -> Result<Self, ParseCodeError> {
        match Self::parse_numbers(format, text) {
            Ok((out, _, _)) => Ok(out),
            Err(error) => Err(error),
        }
    }

    /// Checks `text` against a format once: the text kept, and its module
    /// and code numbers (as [`CodeFormat::parse`] reads them).
    pub(crate) const fn parse_numbers(format: &CodeFormat, text: &str) -> Result<(Self, u16, i64), ParseCodeError> {
        let (module, code) = match scan(format, text.as_bytes()) {
            Ok(numbers) => numbers,
            Err(error) => return Err(error),
        };
        let mut out = Self::EMPTY;
        // `scan` refuses text longer than `MAX_CODE_LEN`: it fits.
        out.push(text.as_bytes());
        Ok((out, module, code))
    }

    /// Appends `bytes`; false when they do not fit.
    const fn push(&mut self, bytes: &[u8]) -> bool {
        let len = self.len as usize;
        if bytes.len() > MAX_CODE_LEN - len {
            return false;
        }
        self.bytes.split_at_mut(len).1.split_at_mut(bytes.len()).0.copy_from_slice(bytes);
        // At most MAX_CODE_LEN (64): fits a u8.
        #[allow(clippy::cast_possible_truncation)]
        {
            self.len = (len + bytes.len()) as u8;
        }
        true
    }

    /// Appends `value` in decimal, zero-padded to `width` digits (as many as
    /// it needs when `width` is 0), after a `-` when it is negative.
    const fn push_number(&mut self, value: i64, width: u8) -> bool {
        if value < 0 && !self.push(b"-") {
            return false;
        }
        let mut digits = [b'0'; MAX_DIGITS + 1];
        let mut rest = value.unsigned_abs();
        let mut used = 0;
        while used < digits.len() && (rest > 0 || used == 0) {
            // One decimal digit: fits a u8.
            #[allow(clippy::cast_possible_truncation)]
            {
                digits[digits.len() - 1 - used] = b'0' + (rest % 10) as u8;
            }
            rest /= 10;
            used += 1;
        }
        let count = if (width as usize) > used { width as usize } else { used };
        let count = if count > digits.len() { digits.len() } else { count };
        self.push(digits.split_at(digits.len() - count).1)
    }

    /// Appends `value`, not negative, in exactly `width` hexadecimal digits.
    const fn push_hex(&mut self, value: i64, width: u8, lower: bool) -> bool {
        let alphabet = if lower { b"0123456789abcdef" } else { b"0123456789ABCDEF" };
        let mut digits = [b'0'; 16];
        let width = if width as usize > digits.len() { digits.len() } else { width as usize };
        let mut k = 0;
        while k < width {
            // One nibble of a number that is not negative: 0 to 15.
            #[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)]
            {
                digits[width - 1 - k] = alphabet[((value >> (4 * k)) & 0xF) as usize];
            }
            k += 1;
        }
        self.push(digits.split_at(width).0)
    }

    /// The code as text, e.g. `ERR-01-004`.
    #[must_use]
    #[allow(unsafe_code)]
    pub const fn as_str(&self) -> &str {
        let (bytes, _) = self.bytes.split_at(self.len as usize);
        // SAFETY: every constructor writes whole `&str` values (valid UTF-8,
        // copied byte for byte) and ASCII digits, and `len` counts exactly
        // the bytes written, so `bytes` is valid UTF-8 and ends on a
        // character boundary. Validating again on every call was a third of
        // the cost of an error body (BENCHMARKS.md).
        unsafe { core::str::from_utf8_unchecked(bytes) }
    }
}

impl PartialEq for CodeText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for CodeText {}

impl core::hash::Hash for CodeText {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for CodeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for CodeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::{Case, CodeFormat, CodeText, ParseCodeError, Segment, Shape};

    const PHALA: CodeFormat = CodeFormat::__new(
        "ERR-{module:02}-{code:03}",
        Shape::Numbered,
        &[
            Segment::Literal("ERR-"),
            Segment::Number { name: "module", width: 2 },
            Segment::Literal("-"),
            Segment::Number { name: "code", width: 3 },
        ],
        1,
    );
    const SMTP: CodeFormat = CodeFormat::__new(
        "{class}.{subject}.{detail}",
        Shape::Text,
        &[
            Segment::Number { name: "class", width: 0 },
            Segment::Literal("."),
            Segment::Number { name: "subject", width: 0 },
            Segment::Literal("."),
            Segment::Number { name: "detail", width: 0 },
        ],
        0,
    );
    const SNAKE: CodeFormat =
        CodeFormat::__new("{code:snake_case}", Shape::Text, &[Segment::Word { name: "code", case: Case::Snake }], 1);

    #[test]
    fn writes_and_reads_numbers() {
        let text = CodeText::new(&PHALA, 1, 4);
        assert_eq!(text.as_str(), "ERR-01-004");
        assert_eq!(PHALA.parse("ERR-01-004"), Ok((1, 4)));
        assert_eq!(PHALA.parse("ERR-1-004"), Err(ParseCodeError::Digits));
        assert_eq!(PHALA.parse("ERR-00-004"), Err(ParseCodeError::ZeroModule));
        assert_eq!(PHALA.parse("XRR-01-004"), Err(ParseCodeError::Prefix));
        assert_eq!(PHALA.parse("ERR-01+004"), Err(ParseCodeError::Separator));
        assert_eq!(PHALA.parse("ERR-01-0045"), Err(ParseCodeError::Suffix));
    }

    /// Every text that differs from a code of the format at one or two
    /// bytes (from digits, the format's own bytes and a few others), and
    /// each cut short or made longer: the one-pass reading of a
    /// fixed-length format agrees with the reading segment by segment.
    #[test]
    fn the_fixed_length_reading_agrees_with_the_general_one() {
        const FLAT: CodeFormat = CodeFormat::__new(
            "E{code:04}",
            Shape::Flat,
            &[Segment::Literal("E"), Segment::Number { name: "code", width: 4 }],
            0,
        );
        const CODE_FIRST: CodeFormat = CodeFormat::__new(
            "{code:04}.{{x}}{module:01}",
            Shape::Numbered,
            &[
                Segment::Number { name: "code", width: 4 },
                Segment::Literal(".{x}"),
                Segment::Number { name: "module", width: 1 },
            ],
            1,
        );
        let fixed = |format: &CodeFormat, text: &[u8]| {
            super::scan_fixed(format, text).map(|parts| (parts.module, parts.code, parts.module_at))
        };
        let general = |format: &CodeFormat, text: &[u8]| {
            super::scan_general(format, text).map(|parts| (parts.module, parts.code, parts.module_at))
        };
        // The digits, their neighbours (`/`, `:`), bytes whose high bit is set.
        let alphabet = b"0123456789ERx-.{}a/:\x80\xb5\xf0\xff ";
        for (format, valid) in [
            (&PHALA, "ERR-01-004"),
            (&PHALA, "ERR-00-000"),
            (&FLAT, "E0000"),
            (&FLAT, "E0308"),
            (&CODE_FIRST, "0042.{x}3"),
        ] {
            assert!(format.fixed_len == valid.len(), "{valid}");
            let mut texts =
                std::vec![valid.as_bytes().to_vec(), valid.as_bytes()[1..].to_vec(), [valid.as_bytes(), b"0"].concat()];
            for at in 0..valid.len() {
                for &byte in alphabet {
                    let mut one = valid.as_bytes().to_vec();
                    one[at] = byte;
                    for second in 0..valid.len() {
                        for &other in b"0x" {
                            let mut two = one.clone();
                            two[second] = other;
                            texts.push(two);
                        }
                    }
                    texts.push(one);
                }
            }
            for text in texts {
                let general = general(format, &text);
                match fixed(format, &text) {
                    Some(parts) => assert_eq!(general, Ok(parts), "{text:?}"),
                    None if text.len() == format.fixed_len => assert!(general.is_err(), "{text:?}: {general:?}"),
                    None => {}
                }
            }
        }
        // Formats with an unpadded, hexadecimal or word part are read segment by segment.
        assert_eq!((SMTP.fixed_len, SNAKE.fixed_len), (0, 0));
    }

    #[test]
    fn unpadded_numbers_have_no_leading_zero() {
        assert!(SMTP.parse("5.7.17").is_ok());
        assert!(SMTP.parse("5.0.0").is_ok());
        assert_eq!(SMTP.parse("5.07.1"), Err(ParseCodeError::Digits));
        assert_eq!(SMTP.parse("5.7."), Err(ParseCodeError::Digits));
        assert_eq!(SMTP.parse("5.7.1 "), Err(ParseCodeError::Suffix));
    }

    #[test]
    fn words_keep_their_case() {
        assert!(SNAKE.parse("card_declined").is_ok());
        for bad in ["Card_declined", "card__declined", "_card", "card_", "", "card-declined", "1card"] {
            assert!(SNAKE.parse(bad).is_err(), "{bad}");
        }
        assert_eq!(SNAKE.parse(&"a".repeat(65)), Err(ParseCodeError::TooLong));
    }
}
