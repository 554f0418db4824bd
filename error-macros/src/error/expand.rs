//! The code `#[derive(CatalogError)]` writes, for an input `valid.rs`
//! accepted.
//!
//! Everything sits in one `const _: () = { ... };` that imports the
//! runtime's `__private` module once as `__p`: every path is absolute
//! through it, and short. Per code: a uniqueness impl (a duplicate is
//! E0119 at both attributes), the entry `static`, whose initializer runs the
//! compile-time checks (the module is declared, the code fits the catalog's
//! format and is neither retired nor reserved); per type: `CatalogError`,
//! `Display` and `Error`, and the impls of the framework features that are
//! on (the runtime turns the derive's features on with its own).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, Path};

use super::ast::{Code, CodeValue, Input};
use crate::attr::Int;
use crate::attr::respan;
use crate::bounds::{Bounds, Params};
use crate::message::Piece;

/// What every part of the expansion needs to know.
pub struct Context<'a> {
    pub input: &'a Input<'a>,
    pub krate: Path,
    pub params: Params<'a>,
}

impl<'a> Context<'a> {
    pub fn new(input: &'a Input<'a>) -> Self {
        let krate =
            input.keys.krate.as_ref().map_or_else(|| syn::parse_quote!(::error_catalog), |path| path.path.clone());
        Self { input, krate, params: Params::of(&input.original.generics) }
    }

    /// The catalog the type names, `crate::Catalog` unless it says.
    pub fn catalog(&self) -> Path {
        let keys = &self.input.keys;
        keys.catalog
            .as_ref()
            .or(keys.extern_catalog.as_ref())
            .map_or_else(|| syn::parse_quote!(crate::Catalog), |path| path.path.clone())
    }

    /// `impl<...> Trait for Type<...> where ...`, with `bounds` added to the
    /// type's own where clause.
    pub fn header(&self, trait_path: &TokenStream, bounds: &Bounds) -> TokenStream {
        let ident = &self.input.original.ident;
        let (impl_generics, ty_generics, _) = self.input.original.generics.split_for_impl();
        let where_clause = bounds.where_clause(&self.input.original.generics);
        quote!(#[automatically_derived] impl #impl_generics #trait_path for #ident #ty_generics #where_clause)
    }

    /// The impls of the framework features that are on: each answers with
    /// the error's status and body.
    pub fn framework_impls(&self) -> TokenStream {
        let mut bounds = Bounds::default();
        if !self.params.is_empty() {
            bounds.push(quote!(Self: __p::CatalogError + 'static));
        }
        let mut tokens = TokenStream::new();
        if cfg!(feature = "axum") {
            let header = self.header(&quote!(__p::axum_core::response::IntoResponse), &bounds);
            tokens.extend(quote! {
                #header {
                    fn into_response(self) -> __p::axum_core::response::Response {
                        __p::axum_into_response(&self)
                    }
                }
            });
        }
        if cfg!(feature = "actix-web") {
            let header = self.header(&quote!(__p::actix_web::ResponseError), &bounds);
            tokens.extend(quote! {
                #header {
                    fn status_code(&self) -> __p::actix_web::http::StatusCode {
                        __p::actix_status_code(self)
                    }
                    fn error_response(&self) -> __p::actix_web::HttpResponse {
                        __p::actix_error_response(self)
                    }
                }
            });
        }
        tokens
    }
}

pub fn expand(input: &Input<'_>) -> TokenStream {
    let cx = Context::new(input);
    let krate = &cx.krate;
    let catalog = cx.catalog();
    let catalog_items = respan(
        quote! {
            type __C = #catalog;
            const __I: &__p::CatalogInfo = <__C as __p::ErrorCatalog>::INFO;
        },
        input.catalog_span(),
    );
    let codes = input.codes.iter().enumerate().map(|(index, code)| code_items(&cx, code, &entry_ident(index)));
    let error = catalog_error_impl(&cx);
    let display = if input.keys.display.is_none_or(|flag| flag.value) { std_impls(&cx) } else { TokenStream::new() };
    let frameworks = cx.framework_impls();
    quote! {
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all, clippy::pedantic)]
        const _: () = {
            use #krate::__private as __p;
            #catalog_items
            #(#codes)*
            #error
            #display
            #frameworks
        };
    }
}

fn entry_ident(index: usize) -> Ident {
    format_ident!("__E{}", index)
}

fn binding(index: usize) -> Ident {
    format_ident!("__{}", index)
}

/// `Self`, or `Self::Variant`.
fn path_of(code: &Code<'_>) -> TokenStream {
    code.variant.map_or_else(|| quote!(Self), |variant| quote!(Self::#variant))
}

/// A pattern of `code` that binds the fields at `used` (`__0`, `__1`...).
fn pattern(code: &Code<'_>, used: impl IntoIterator<Item = usize>) -> TokenStream {
    let path = path_of(code);
    let bindings = used.into_iter().map(|index| {
        let member = &code.fields[index].member;
        let binding = binding(index);
        quote!(#member: #binding,)
    });
    quote!(#path { #(#bindings)* .. })
}

/// The arms of a `match self`, or of nothing for an enum without variants.
fn matched(input: &Input<'_>, arms: impl Iterator<Item = TokenStream>) -> TokenStream {
    let arms: Vec<TokenStream> = arms.collect();
    if input.is_enum && arms.is_empty() { quote!(match *self {}) } else { quote!(match self { #(#arms)* }) }
}

/// The uniqueness impl and the entry `static` of one code.
fn code_items(cx: &Context<'_>, code: &Code<'_>, entry: &Ident) -> TokenStream {
    let Some(value) = &code.keys.code else { return TokenStream::new() };
    let module = code.keys.module.as_ref().or(cx.input.keys.module.as_ref());
    let unique = unique_impl(cx, code, value, module);
    let parts = entry_parts(cx, code, value, module);
    let type_name = match code.variant {
        Some(variant) => format!("::{}::{variant}", cx.input.original.ident),
        None => format!("::{}", cx.input.original.ident),
    };
    let registered = if cfg!(feature = "registry") {
        let name = format_ident!("{}_R", entry);
        quote! {
            #[__p::linkme::distributed_slice(__p::ENTRIES)]
            #[linkme(crate = __p::linkme)]
            static #name: &__p::Entry = &#entry;
        }
    } else {
        TokenStream::new()
    };
    quote! {
        #unique
        static #entry: __p::Entry = __p::Entry(__p::EntryParts {
            catalog: __I,
            #parts
            type_path: __p::concat!(__p::module_path!(), #type_name),
            ..__p::EntryParts::DEFAULT
        });
        #registered
    }
}

/// `impl UniqueCode<Catalog> for <key> {}`: a second impl with the same key
/// is E0119. The key is readable for numbers and a hash for text (const
/// generics take no strings). The impl's first token sits at the
/// attribute's `#` and the rest at its `]`, so that E0119's labels cover both
/// attributes whole. A catalog of another crate cannot take the impl (E0117,
/// the orphan rule): its codes are checked across crates by the registry's
/// test.
fn unique_impl(cx: &Context<'_>, code: &Code<'_>, value: &CodeValue, module: Option<&Int>) -> TokenStream {
    if cx.input.keys.extern_catalog.is_some() || cfg!(error_catalog_unchecked_codes) {
        return TokenStream::new();
    }
    let key = match (value, module) {
        (CodeValue::Number(number, _), Some(module)) => {
            let bucket = format_ident!("module_{:02}", module.value);
            quote!(__p::#bucket::Code<#number>)
        }
        (CodeValue::Number(number, _), None) => {
            let bucket = format_ident!("flat_{:02}", number % 100);
            quote!(__p::#bucket::Code<#number>)
        }
        (CodeValue::Text(text, _), _) => {
            let hash = fnv1a_128(text.as_bytes());
            let bucket = format_ident!("text_{:02x}", hash >> 120);
            let hash = Literal::u128_unsuffixed(hash);
            quote!(__p::#bucket::Code<#hash>)
        }
    };
    let attr_span = code.attr_span();
    let impl_token = quote_spanned!(attr_span.pound=> impl);
    let rest = respan(quote!(__p::UniqueCode<__C> for #key {}), attr_span.close);
    quote!(#[automatically_derived] #impl_token #rest)
}

/// The fields of an entry that its attribute sets; `..DEFAULT` gives the
/// others. The module's check is a trait bound, reported at the module's
/// value; the code's are panics of constant evaluation, reported at the
/// code's.
fn entry_parts(cx: &Context<'_>, code: &Code<'_>, value: &CodeValue, module: Option<&Int>) -> TokenStream {
    let defaults = &cx.input.keys;
    let mut parts = TokenStream::new();
    if let Some(module) = module {
        let number = u16::try_from(module.value).unwrap_or(u16::MAX);
        parts.extend(respan(quote!(module: __p::Some(__p::module::<__C, #number>()),), module.span));
    }
    let code_text = match (value, module) {
        (CodeValue::Number(number, _), Some(module)) => {
            let module = u16::try_from(module.value).unwrap_or(u16::MAX);
            quote!(__p::numbered_code(__I, #module, #number))
        }
        (CodeValue::Number(number, _), None) => quote!(__p::flat_code(__I, #number)),
        (CodeValue::Text(text, _), _) => quote!(__p::text_code(__I, #text)),
    };
    if let CodeValue::Number(number, _) = value {
        parts.extend(quote!(number: #number,));
    }
    parts.extend(respan(quote!(code: #code_text,), value.span()));

    let name = code.class_name();
    let reason = code.keys.reason.as_ref().map_or_else(|| upper_snake(&name), |text| text.value.clone());
    parts.extend(quote!(name: #name, reason: #reason,));
    let status = code.keys.status.as_ref().or(defaults.status.as_ref()).map_or_else(
        || quote!(__p::default_status(__I)),
        |status| {
            let value = u16::try_from(status.value).unwrap_or(u16::MAX);
            respan(quote!(__p::status(__I, #value)), status.span)
        },
    );
    parts.extend(quote!(status: #status,));
    let message = code.keys.message.as_ref().map_or_else(
        || respan(quote!(__p::default_template(__I, #status)), code.attr_span().path),
        |message| {
            let template = &message.text.value;
            let pieces = message.pieces.iter().map(|piece| match piece {
                Piece::Text(text) => quote!(__p::Piece::Text(#text)),
                Piece::Field(field) => quote!(__p::Piece::Field(#field)),
            });
            quote!(__p::MessageTemplate { __template: #template, __pieces: &[#(#pieces),*] })
        },
    );
    parts.extend(quote!(message: #message,));

    let description = code
        .keys
        .description
        .as_ref()
        .map_or_else(|| crate::attr::description_from_docs(code.attrs), |text| text.value.clone());
    if !description.is_empty() {
        parts.extend(quote!(description: #description,));
    }
    let details: Vec<String> = code.fields.iter().filter_map(super::ast::Field::detail_name).collect();
    let texts = |texts: &[crate::attr::Text]| texts.iter().map(|text| text.value.clone()).collect::<Vec<_>>();
    for (key, values) in
        [("aliases", texts(&code.keys.aliases)), ("details", details), ("suggestions", texts(&code.keys.suggestions))]
    {
        if !values.is_empty() {
            let key = format_ident!("{}", key);
            parts.extend(quote!(#key: &[#(#values),*],));
        }
    }
    if !code.keys.links.is_empty() {
        let links = code.keys.links.iter().map(|(url, label)| {
            let (url, label) = (&url.value, &label.value);
            quote!(__p::Link { __url: #url, __label: #label })
        });
        parts.extend(quote!(links: &[#(#links),*],));
    }
    if let Some(severity) = code.keys.severity.as_ref().or(defaults.severity.as_ref()) {
        let variant = format_ident!("{}", pascal(&severity.value));
        parts.extend(quote!(severity: __p::Some(__p::Severity::#variant),));
    }
    if let Some(retryable) = code.keys.retryable.as_ref().or(defaults.retryable.as_ref()) {
        let value = retryable.value;
        parts.extend(quote!(retryable: __p::Some(#value),));
    }
    if let Some(grpc) = code.keys.grpc.as_ref().or(defaults.grpc.as_ref()) {
        let variant = format_ident!("{}", pascal(&grpc.value));
        parts.extend(quote!(grpc: __p::Some(__p::GrpcCode::#variant),));
    }
    parts
}

/// `CatalogError`: the entries, and the message and details of a value.
fn catalog_error_impl(cx: &Context<'_>) -> TokenStream {
    let input = cx.input;
    let count = input.codes.len();
    let entries: Vec<Ident> = (0..count).map(entry_ident).collect();
    let entry = if input.is_enum {
        matched(
            input,
            input.codes.iter().zip(&entries).map(|(code, entry)| {
                let path = path_of(code);
                quote!(#path { .. } => &#entry,)
            }),
        )
    } else {
        quote!(&__E0)
    };

    let mut bounds = Bounds::default();
    let mut detail_arms = Vec::new();
    for code in &input.codes {
        let used: Vec<usize> = (0..code.fields.len()).filter(|i| code.fields[*i].keys.detail.is_some()).collect();
        let visits = used.iter().map(|index| {
            let field = &code.fields[*index];
            let ty = &field.original.ty;
            if cx.params.in_type(ty) {
                bounds.push(quote_spanned!(ty.span()=> #ty: __p::serde::Serialize));
            }
            let name = field.detail_name().unwrap_or_default();
            let binding = binding(*index);
            // A detail that is not `Serialize` is reported at its type.
            respan(quote!(visit(__p::detail(#name, (&&__p::DetailProbe(#binding)).probe()));), ty.span())
        });
        let pattern = pattern(code, used.iter().copied());
        detail_arms.push(quote!(#pattern => { #(#visits)* }));
    }
    let visit_details = if input.codes.iter().any(|code| code.fields.iter().any(|f| f.keys.detail.is_some())) {
        let body = matched(input, detail_arms.into_iter());
        quote! {
            fn visit_details<'__a>(&'__a self, visit: &mut dyn __p::FnMut(__p::Detail<'__a>)) {
                #[allow(unused_imports)]
                use __p::{ProbeAny as _, ProbeStr as _};
                #body
            }
        }
    } else {
        TokenStream::new()
    };
    // With `display = false` the type's own `Display` is the internal
    // message; the public one is written here.
    let write_message = if input.keys.display.is_some_and(|flag| !flag.value) {
        let body = message_body(cx, &mut Bounds::default());
        quote! {
            fn write_message(&self, f: &mut __p::Formatter<'_>) -> __p::FmtResult {
                #body
            }
        }
    } else {
        TokenStream::new()
    };
    if !cx.params.is_empty() {
        bounds.push(quote!(Self: __p::Error));
    }
    let header = cx.header(&quote!(__p::CatalogError), &bounds);
    quote! {
        #header {
            type Catalog = __C;

            fn entry(&self) -> &'static __p::Entry {
                #entry
            }

            fn entries() -> &'static [&'static __p::Entry] {
                static ENTRIES: [&__p::Entry; #count] = [#(&#entries),*];
                &ENTRIES
            }

            #write_message
            #visit_details
        }
    }
}

/// The body that writes the public message: one `write_str` for a static
/// message, one `write_fmt(format_args!(..))` for a template (writing piece
/// by piece with `?` compiles to far more MIR per type: BENCHMARKS.md).
fn message_body(cx: &Context<'_>, bounds: &mut Bounds) -> TokenStream {
    let input = cx.input;
    let arms = input.codes.iter().enumerate().map(|(index, code)| {
        let Some(message) = &code.keys.message else {
            let entry = entry_ident(index);
            let path = path_of(code);
            return quote!(#path { .. } => f.write_str(#entry.0.message.__template),);
        };
        let mut format = String::new();
        let mut args = Vec::new();
        let mut used = Vec::new();
        for piece in &message.pieces {
            match piece {
                Piece::Text(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
                Piece::Field(name) => {
                    let Some(index) = code.fields.iter().position(|field| field.name == *name) else { continue };
                    let ty = &code.fields[index].original.ty;
                    if cx.params.in_type(ty) {
                        bounds.push(quote!(#ty: __p::Display));
                    }
                    format.push_str("{}");
                    let binding = binding(index);
                    // A field that is not `Display` is reported at its type.
                    args.push(respan(quote!(__p::message_field(#binding)), ty.span()));
                    used.push(index);
                }
            }
        }
        used.sort_unstable();
        used.dedup();
        let pattern = pattern(code, used);
        if args.is_empty() {
            quote!(#pattern => f.write_str(#format),)
        } else {
            quote!(#pattern => f.write_fmt(__p::format_args!(#format, #(#args),*)),)
        }
    });
    matched(input, arms)
}

/// `Display` from the public message, and `Error` with the source field.
fn std_impls(cx: &Context<'_>) -> TokenStream {
    let input = cx.input;
    let mut display_bounds = Bounds::default();
    let message = message_body(cx, &mut display_bounds);
    let display = cx.header(&quote!(__p::Display), &display_bounds);

    let mut error_bounds = Bounds::default();
    if !cx.params.is_empty() {
        error_bounds.push(quote!(Self: ::core::fmt::Debug + __p::Display));
    }
    let error = cx.header(&quote!(__p::Error), &error_bounds);
    let source = if input.codes.iter().any(|code| code.source().is_some()) {
        let arms = input.codes.iter().map(|code| {
            if let Some(index) = code.source() {
                let pattern = pattern(code, [index]);
                let binding = binding(index);
                quote!(#pattern => __p::Some({ use __p::AsDynError as _; #binding.as_dyn_error() }),)
            } else {
                let path = path_of(code);
                quote!(#path { .. } => __p::None,)
            }
        });
        let body = matched(input, arms);
        quote! {
            fn source(&self) -> ::core::option::Option<&(dyn __p::Error + 'static)> {
                #body
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        #display {
            fn fmt(&self, f: &mut __p::Formatter<'_>) -> __p::FmtResult {
                #message
            }
        }

        #error {
            #source
        }
    }
}

/// FNV-1a, 128 bits: the key of a text code in `UniqueCode`.
fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    bytes.iter().fold(OFFSET, |hash, byte| (hash ^ u128::from(*byte)).wrapping_mul(PRIME))
}

/// A class name in the upper snake case of a gRPC reason (AIP-193):
/// `DuplicateCvmNameError` becomes `DUPLICATE_CVM_NAME_ERROR`. Valid for any
/// input: other characters become `_`, the reason starts with a letter, has
/// at least three characters and at most 63.
pub fn upper_snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            let previous = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            let boundary = c.is_ascii_uppercase()
                && previous.is_some_and(|p| {
                    p.is_ascii_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_ascii_uppercase() && next.is_some_and(char::is_ascii_lowercase))
                });
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_uppercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let trimmed = out.trim_start_matches(|c: char| !c.is_ascii_uppercase());
    let mut reason: String = trimmed.chars().take(63).collect();
    while reason.ends_with('_') {
        reason.pop();
    }
    if reason.len() < 3 {
        reason = if reason.is_empty() { "ERROR".to_owned() } else { format!("{reason}_ERROR") };
    }
    reason
}

/// `FAILED_PRECONDITION` or `warning` as a variant name.
fn pascal(name: &str) -> String {
    name.split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let lower = part.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars.next().map_or_else(String::new, |first| first.to_ascii_uppercase().to_string() + chars.as_str())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{pascal, upper_snake};
    use crate::error::ast::check_reason;

    #[test]
    fn reasons_are_valid_for_any_name() {
        for (name, reason) in [
            ("DuplicateCvmNameError", "DUPLICATE_CVM_NAME_ERROR"),
            ("TxVerificationFailed", "TX_VERIFICATION_FAILED"),
            ("HTTPError", "HTTP_ERROR"),
            ("Error2Fa", "ERROR2_FA"),
            ("Name|With|Pipes", "NAME_WITH_PIPES"),
            ("E", "E_ERROR"),
            ("", "ERROR"),
            ("名前", "ERROR"),
            ("__9lives", "LIVES"),
        ] {
            assert_eq!(upper_snake(name), reason, "{name}");
        }
        let long = "A".repeat(100);
        assert_eq!(upper_snake(&long).len(), 63);
        for name in ["Name|With|Pipes", "x y z", "___", "A_", "ab_c_"] {
            assert!(check_reason(&upper_snake(name)).is_ok(), "{name}: {}", upper_snake(name));
        }
    }

    #[test]
    fn names_become_variants() {
        assert_eq!(pascal("FAILED_PRECONDITION"), "FailedPrecondition");
        assert_eq!(pascal("warning"), "Warning");
        assert_eq!(pascal("OK"), "Ok");
    }
}
