//! The code `#[derive(ErrorCatalog)]` writes: the catalog's declaration in
//! a `static` (its format as segments, statuses, modules, retired and
//! reserved codes), `ErrorCatalog`, and one `HasModule<N>` per module, the
//! bound every error of the module is checked against.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::ast::Input;
use super::format::Segment;
use super::valid::Checked;
use crate::out::respan;

/// `CodeFormat::__new(..)`: the format's segments. A format too long for
/// any code fails there, at the format.
fn format(input: &Input<'_>, checked: &Checked) -> TokenStream {
    let keys = &input.keys;
    let template = keys.format.as_ref().map(|t| t.value.clone()).unwrap_or_default();
    let shape = format_ident!("{}", checked.format.shape.variant());
    let segments = checked.format.segments.iter().map(|segment| match segment {
        Segment::Literal(text) => quote!(__p::Segment::Literal(#text)),
        Segment::Number { name, width } => quote!(__p::Segment::Number { name: #name, width: #width }),
        Segment::Hex { name, width, lower } => quote!(__p::Segment::Hex { name: #name, width: #width, lower: #lower }),
        Segment::Alphanumeric { name, width } => quote!(__p::Segment::Alphanumeric { name: #name, width: #width }),
        Segment::Word { name, case } => {
            let case = format_ident!("{}", case.variant());
            quote!(__p::Segment::Word { name: #name, case: __p::Case::#case })
        }
    });
    let start = signed(checked.start);
    let span = keys.format.as_ref().map_or_else(|| input.original.ident.span(), |t| t.span);
    respan(quote!(__p::CodeFormat::__new(#template, __p::Shape::#shape, &[#(#segments),*], #start)), span)
}

/// The modules, and the codes the catalog retired or reserved.
struct Codes {
    numbers: Vec<u16>,
    modules: Vec<TokenStream>,
    retired: Vec<TokenStream>,
    reserved: Vec<TokenStream>,
}

/// The numbers a group with a text id or a range is known by at run time
/// start here, after every number a module can be given.
const FIRST_UNNUMBERED: u16 = 10_000;

fn codes(input: &Input<'_>) -> Codes {
    let mut unnumbered: Vec<_> = input
        .modules
        .iter()
        .filter(|module| module.number.is_none() && (module.id.is_some() || module.range.is_some()))
        .collect();
    unnumbered.sort_by(|a, b| {
        let key = |module: &&super::ast::Module<'_>| {
            (module.range.map(|range| range.low.value), module.id.as_ref().map(|id| id.value.clone()))
        };
        key(a).cmp(&key(b))
    });
    let mut modules: Vec<(u16, &super::ast::Module<'_>)> = input
        .modules
        .iter()
        .filter_map(|module| Some((u16::try_from(module.number.as_ref()?.value).unwrap_or(0), module)))
        .collect();
    modules.sort_by_key(|(number, _)| *number);
    let numbered = modules.len();
    modules.extend((FIRST_UNNUMBERED..).zip(unnumbered));
    let numbers: Vec<u16> = modules[..numbered].iter().map(|(number, _)| *number).collect();
    let mut retired = Vec::new();
    let mut reserved = Vec::new();
    let module_infos: Vec<TokenStream> = modules
        .iter()
        .map(|(number, module)| {
            let name = module.name.as_ref().map(|t| t.value.clone()).unwrap_or_default();
            let list = |list: &Option<(Vec<crate::attr::Int>, proc_macro2::Span)>| -> Vec<(i64, proc_macro2::Span)> {
                list.iter()
                    .flat_map(|(ints, _)| ints.iter())
                    .map(|int| (i64::try_from(int.value).unwrap_or(i64::MAX), int.span))
                    .collect()
            };
            let (module_retired, module_reserved) = (list(&module.retired), list(&module.reserved));
            // The code of each listed number, checked against the format where
            // the number is written.
            for (code, span) in &module_retired {
                let text = respan(quote!(__p::numbered_text(&__F, #number, #code)), *span);
                retired.push(quote!(__p::RetiredCode { code: #text, successor: __p::None, note: "" }));
            }
            for (code, span) in &module_reserved {
                reserved.push(respan(quote!(__p::numbered_text(&__F, #number, #code)), *span));
            }
            let (retired_numbers, reserved_numbers) =
                (module_retired.iter().map(|(code, _)| code), module_reserved.iter().map(|(code, _)| code));
            let mut info =
                quote!(__p::ModuleInfo::__new(#number, #name, &[#(#retired_numbers),*], &[#(#reserved_numbers),*]));
            if let Some(id) = &module.id {
                let id = &id.value;
                info = quote!(#info.__with_id(#id));
            }
            if let Some(range) = &module.range {
                let (low, high) = (signed(range.low.value), signed(range.high.value));
                let kept = module.reserved_ranges.iter().map(|range| {
                    let (low, high) = (signed(range.low.value), signed(range.high.value));
                    quote!((#low, #high))
                });
                info = quote!(#info.__with_range(#low, #high, &[#(#kept),*]));
            }
            info
        })
        .collect();
    for entry in &input.retired {
        let Some(code) = &entry.code else { continue };
        let written = |text: &crate::attr::Text| {
            let value = &text.value;
            respan(quote!(__p::written_code(&__F, #value)), text.span)
        };
        let code = written(code);
        let successor = entry.successor.as_ref().map_or_else(
            || quote!(__p::None),
            |text| {
                let text = written(text);
                quote!(__p::Some(#text))
            },
        );
        let note = entry.note.as_ref().map(|t| t.value.clone()).unwrap_or_default();
        retired.push(quote!(__p::RetiredCode { code: #code, successor: #successor, note: #note }));
    }
    Codes { numbers, modules: module_infos, retired, reserved }
}

pub fn expand(input: &Input<'_>, checked: &Checked) -> TokenStream {
    let ident = &input.original.ident;
    let keys = &input.keys;
    let krate = crate::attr::runtime_path(keys.krate.as_ref());
    let text = |text: &Option<crate::attr::Text>, default: &str| {
        text.as_ref().map_or_else(|| default.to_owned(), |t| t.value.clone())
    };

    let format = format(input, checked);

    let default_status = checked.default_status.map_or_else(|| quote!(__p::None), |status| quote!(__p::Some(#status)));
    let api = text(&keys.api, "the API");
    let title = text(&keys.title, "Error Codes");
    let description =
        keys.description.as_ref().map_or_else(|| format!("Reference for {api} error codes"), |t| t.value.clone());
    let domain = text(&keys.domain, "");
    let link_template = keys.link_template.as_ref().map_or_else(
        || quote!(__p::None),
        |t| {
            let value = &t.value;
            quote!(__p::Some(#value))
        },
    );

    let Codes { numbers, modules: module_infos, retired, reserved } = codes(input);
    let name = ident.to_string();
    let link = if cfg!(feature = "link-check") {
        let declaration = quote::ToTokens::to_token_stream(input.original).to_string();
        crate::link::catalog_macro(ident, &declaration, keys.link_check.as_ref().is_none_or(|flag| flag.value))
    } else {
        TokenStream::new()
    };
    quote! {
        #link
        #[allow(unused_qualifications, clippy::all, clippy::pedantic)]
        const _: () = {
            use #krate::__private as __p;
            const __F: __p::CodeFormat = #format;
            // A static, not a promoted constant: every entry of this catalog
            // then points at the same address, which is how the registry
            // tells catalogs apart.
            static __INFO: __p::CatalogInfo = __p::CatalogInfo::__new(__p::CatalogParts {
                name: #name,
                format: __F,
                default_status: #default_status,
                modules: &[#(#module_infos),*],
                page: __p::PageInfo { title: #title, description: #description, api: #api },
                domain: #domain,
                link_template: #link_template,
                retired: &[#(#retired),*],
                reserved: &[#(#reserved),*],
                stand_in: false,
            });

            #[automatically_derived]
            impl __p::ErrorCatalog for #ident {
                const INFO: &'static __p::CatalogInfo = &__INFO;
            }
            #(
                #[automatically_derived]
                impl __p::HasModule<#numbers> for #ident {}
            )*
        };
    }
}

/// An `i64` as tokens: a negative one as `-` and its magnitude.
fn signed(number: i64) -> TokenStream {
    let magnitude = proc_macro2::Literal::u64_unsuffixed(number.unsigned_abs());
    if number < 0 { quote!(-#magnitude) } else { quote!(#magnitude) }
}
