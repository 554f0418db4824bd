//! Error codes: a module number and a code number, written in the catalog's
//! format (`ERR-{module:02}-{code:03}` writes module 1, code 4 as `ERR-01-004`).
//!
//! The format is parsed once, by `#[derive(ErrorCatalog)]`, at compile time; what is
//! left at run time is a fixed pattern of literal text and zero-padded numbers,
//! so formatting never allocates and parsing is a single pass over the bytes.

use core::fmt;
use core::hash::{Hash, Hasher};
use core::marker::PhantomData;
use core::str::FromStr;

use crate::catalog::ErrorCatalog;

/// The longest code string a catalog format may produce, in bytes.
pub const MAX_CODE_LEN: usize = 32;

/// How a catalog writes its codes: literal text around a zero-padded module
/// number and a zero-padded code number.
///
/// Built by `#[derive(ErrorCatalog)]` from a template such as
/// `"ERR-{module:02}-{code:03}"`; see [`ErrorCatalog`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CodeFormat {
    template: &'static str,
    prefix: &'static str,
    infix: &'static str,
    suffix: &'static str,
    module_width: u8,
    code_width: u8,
    module_first: bool,
    max_module: u16,
    max_code: u16,
}

impl CodeFormat {
    #[doc(hidden)]
    #[must_use]
    #[allow(clippy::too_many_arguments)]
    pub const fn __new(
        template: &'static str,
        prefix: &'static str,
        infix: &'static str,
        suffix: &'static str,
        module_width: u8,
        code_width: u8,
        module_first: bool,
    ) -> Self {
        Self {
            template,
            prefix,
            infix,
            suffix,
            module_width,
            code_width,
            module_first,
            max_module: max_for_width(module_width),
            max_code: max_for_width(code_width),
        }
    }

    /// The template this format was declared with, e.g. `ERR-{module:02}-{code:03}`.
    #[must_use]
    pub const fn template(&self) -> &'static str {
        self.template
    }

    /// How many digits the module number takes.
    #[must_use]
    pub const fn module_width(&self) -> u8 {
        self.module_width
    }

    /// How many digits the code number takes.
    #[must_use]
    pub const fn code_width(&self) -> u8 {
        self.code_width
    }

    /// The largest module number the format can write (99 for two digits).
    #[must_use]
    pub const fn max_module(&self) -> u16 {
        self.max_module
    }

    /// The largest code number the format can write (999 for three digits).
    #[must_use]
    pub const fn max_code(&self) -> u16 {
        self.max_code
    }

    /// The text before the first number (`ERR-` for `ERR-{module:02}-{code:03}`).
    #[must_use]
    pub const fn prefix(&self) -> &'static str {
        self.prefix
    }

    /// Writes `module` and `code` in this format.
    ///
    /// # Errors
    /// Only those of the writer.
    pub fn write(&self, module: u16, code: u16, out: &mut dyn fmt::Write) -> fmt::Result {
        let (first, first_width, second, second_width) = self.ordered(module, code);
        out.write_str(self.prefix)?;
        write_padded(out, first, first_width)?;
        out.write_str(self.infix)?;
        write_padded(out, second, second_width)?;
        out.write_str(self.suffix)
    }

    /// Reads a code written in this format back into its module and code
    /// numbers. Both must have exactly the format's number of digits and be
    /// at least 1.
    ///
    /// # Errors
    /// A [`ParseCodeError`] saying what did not match; never a panic, whatever
    /// the input.
    pub fn parse(&self, text: &str) -> Result<(u16, u16), ParseCodeError> {
        let bytes = text.as_bytes();
        let rest = bytes.strip_prefix(self.prefix.as_bytes()).ok_or(ParseCodeError::Prefix)?;
        let (first_width, second_width) =
            if self.module_first { (self.module_width, self.code_width) } else { (self.code_width, self.module_width) };
        let (first, rest) = take_digits(rest, first_width)?;
        let rest = rest.strip_prefix(self.infix.as_bytes()).ok_or(ParseCodeError::Separator)?;
        let (second, rest) = take_digits(rest, second_width)?;
        if rest != self.suffix.as_bytes() {
            return Err(ParseCodeError::Suffix);
        }
        let (module, code) = if self.module_first { (first, second) } else { (second, first) };
        if module == 0 {
            return Err(ParseCodeError::ZeroModule);
        }
        if code == 0 {
            return Err(ParseCodeError::ZeroCode);
        }
        Ok((module, code))
    }

    /// Writes the format with `{MODULE}` and `{CODE}` for the numbers, as
    /// a published page shows it: `ERR-{MODULE}-{CODE}`.
    ///
    /// # Errors
    /// Only those of the writer.
    pub fn write_pattern(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        let (first, second) = if self.module_first { ("{MODULE}", "{CODE}") } else { ("{CODE}", "{MODULE}") };
        out.write_str(self.prefix)?;
        out.write_str(first)?;
        out.write_str(self.infix)?;
        out.write_str(second)?;
        out.write_str(self.suffix)
    }

    const fn ordered(&self, module: u16, code: u16) -> (u16, u8, u16, u8) {
        if self.module_first {
            (module, self.module_width, code, self.code_width)
        } else {
            (code, self.code_width, module, self.module_width)
        }
    }
}

const fn max_for_width(width: u8) -> u16 {
    let mut max: u32 = 1;
    let mut i = 0;
    while i < width {
        max *= 10;
        i += 1;
    }
    // Widths are 1 to 4 digits, checked by the derive: `max - 1` fits.
    #[allow(clippy::cast_possible_truncation)]
    if max > 10_000 { 9_999 } else { (max - 1) as u16 }
}

fn write_padded(out: &mut dyn fmt::Write, value: u16, width: u8) -> fmt::Result {
    let mut digits = [b'0'; 5];
    let width = usize::from(width).min(digits.len());
    let mut rest = value;
    let mut i = digits.len();
    while i > 0 {
        i -= 1;
        digits[i] = b'0' + u8::try_from(rest % 10).unwrap_or(0);
        rest /= 10;
    }
    let start = digits.len() - width;
    // Only ASCII digits were written.
    out.write_str(core::str::from_utf8(&digits[start..]).unwrap_or_default())
}

fn take_digits(bytes: &[u8], width: u8) -> Result<(u16, &[u8]), ParseCodeError> {
    let width = usize::from(width);
    let Some((digits, rest)) = bytes.split_at_checked(width) else {
        return Err(ParseCodeError::Digits);
    };
    let mut value: u16 = 0;
    for &digit in digits {
        if !digit.is_ascii_digit() {
            return Err(ParseCodeError::Digits);
        }
        // At most four digits: never overflows a u16.
        value = value * 10 + u16::from(digit - b'0');
    }
    Ok((value, rest))
}

/// Why a string is not a code of a catalog's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseCodeError {
    /// The text does not start with the format's prefix (`ERR-`).
    Prefix,
    /// A number has the wrong number of digits or a non-digit character.
    Digits,
    /// The text between the two numbers is not the format's separator.
    Separator,
    /// There is text after the second number that the format does not have.
    Suffix,
    /// The module number is 0; modules start at 1.
    ZeroModule,
    /// The code number is 0; codes start at 1.
    ZeroCode,
}

impl fmt::Display for ParseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Prefix => "error code does not start with the catalog's prefix",
            Self::Digits => "error code number has the wrong number of digits",
            Self::Separator => "error code numbers are not separated as the catalog's format says",
            Self::Suffix => "error code has unexpected text after its numbers",
            Self::ZeroModule => "error code module is 0; modules start at 1",
            Self::ZeroCode => "error code number is 0; codes start at 1",
        })
    }
}

impl core::error::Error for ParseCodeError {}

/// A code of catalog `C`: a module number and a code number.
///
/// It displays in the catalog's format and parses back with [`FromStr`]:
///
/// ```
/// use error_catalog::{ErrorCatalog, Code};
///
/// #[derive(ErrorCatalog)]
/// #[catalog(format = "ERR-{module:02}-{code:03}")]
/// enum Api {
///     #[module(1, name = "CVM API / Preflight")]
///     Preflight,
/// }
///
/// let code: Code<Api> = "ERR-01-004".parse()?;
/// assert_eq!((code.module(), code.number()), (1, 4));
/// assert_eq!(code.to_string(), "ERR-01-004");
/// assert!("ERR-1-4".parse::<Code<Api>>().is_err());
/// # Ok::<(), error_catalog::ParseCodeError>(())
/// ```
pub struct Code<C: ?Sized> {
    module: u16,
    number: u16,
    catalog: PhantomData<fn() -> C>,
}

impl<C: ErrorCatalog + ?Sized> Code<C> {
    /// The code `number` in `module`, if the catalog's format can write both.
    /// Whether the module is declared is a separate question: see
    /// [`Code::module_name`].
    #[must_use]
    pub const fn new(module: u16, number: u16) -> Option<Self> {
        let format = &C::INFO.format();
        if module == 0 || number == 0 || module > format.max_module() || number > format.max_code() {
            return None;
        }
        Some(Self { module, number, catalog: PhantomData })
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __new_unchecked(module: u16, number: u16) -> Self {
        Self { module, number, catalog: PhantomData }
    }

    /// The module number (1 in `ERR-01-004`).
    #[must_use]
    pub const fn module(self) -> u16 {
        self.module
    }

    /// The code number within the module (4 in `ERR-01-004`).
    #[must_use]
    pub const fn number(self) -> u16 {
        self.number
    }

    /// The name the catalog gives this code's module, if it declares it.
    #[must_use]
    pub fn module_name(self) -> Option<&'static str> {
        C::INFO.module(self.module).map(super::catalog::ModuleInfo::name)
    }
}

impl<C: ErrorCatalog + ?Sized> fmt::Display for Code<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        C::INFO.format().write(self.module, self.number, f)
    }
}

impl<C: ErrorCatalog + ?Sized> fmt::Debug for Code<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Code({self})")
    }
}

impl<C: ErrorCatalog + ?Sized> FromStr for Code<C> {
    type Err = ParseCodeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (module, number) = C::INFO.format().parse(text)?;
        Ok(Self { module, number, catalog: PhantomData })
    }
}

impl<C: ?Sized> Clone for Code<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C: ?Sized> Copy for Code<C> {}

impl<C: ?Sized> PartialEq for Code<C> {
    fn eq(&self, other: &Self) -> bool {
        (self.module, self.number) == (other.module, other.number)
    }
}

impl<C: ?Sized> Eq for Code<C> {}

impl<C: ?Sized> PartialOrd for Code<C> {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<C: ?Sized> Ord for Code<C> {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        (self.module, self.number).cmp(&(other.module, other.number))
    }
}

impl<C: ?Sized> Hash for Code<C> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.module, self.number).hash(state);
    }
}

/// A code already written out, stored inline: what an [`Entry`](crate::Entry)
/// holds so that reading its code string costs nothing at run time.
///
/// Built in a `const` by the derive; building it is also where a code too
/// wide for the format, or retired or reserved in the catalog, stops the
/// build.
#[derive(Clone, Copy)]
pub struct CodeText {
    bytes: [u8; MAX_CODE_LEN],
    len: u8,
}

impl CodeText {
    /// Writes `module` and `code` in `format`, at compile time.
    ///
    /// # Panics
    /// When the numbers do not fit the format; in a `const` this is a
    /// compile error, which is how the derive uses it.
    #[must_use]
    pub const fn new(format: &CodeFormat, module: u16, code: u16) -> Self {
        assert!(module != 0 && code != 0, "error module and code numbers start at 1");
        assert!(module <= format.max_module, "error module has more digits than the catalog's code format allows");
        assert!(code <= format.max_code, "error code has more digits than the catalog's code format allows");
        // One function, one buffer: the derive evaluates this once per code
        // at compile time, where every call and copy costs.
        let (first, first_width, second, second_width) = format.ordered(module, code);
        let parts = [format.prefix.as_bytes(), format.infix.as_bytes(), format.suffix.as_bytes()];
        let numbers = [(first, first_width), (second, second_width)];
        let mut bytes = [0; MAX_CODE_LEN];
        let mut len = 0;
        let mut part = 0;
        while part < 3 {
            let text = parts[part];
            let mut i = 0;
            while i < text.len() {
                bytes[len] = text[i];
                len += 1;
                i += 1;
            }
            if part < 2 {
                let (mut value, width) = numbers[part];
                let mut digit = width as usize;
                while digit > 0 {
                    digit -= 1;
                    bytes[len + digit] = b'0' + (value % 10) as u8;
                    value /= 10;
                }
                len += width as usize;
            }
            part += 1;
        }
        // The derive limits formats to 32 bytes, so `len` fits.
        #[allow(clippy::cast_possible_truncation)]
        Self { bytes, len: len as u8 }
    }

    /// The code as text, e.g. `ERR-01-004`.
    #[must_use]
    #[allow(unsafe_code)]
    pub const fn as_str(&self) -> &str {
        let (bytes, _) = self.bytes.split_at(self.len as usize);
        // SAFETY: `new` is the only constructor. It writes whole `&str`
        // pieces of the format (valid UTF-8, copied byte for byte) and ASCII
        // digits, and `len` counts exactly the bytes it wrote, so `bytes` is
        // valid UTF-8 and ends on a character boundary. Validating again on
        // every call was a third of the cost of an error body (BENCHMARKS.md).
        unsafe { core::str::from_utf8_unchecked(bytes) }
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
