//! The generated code. Every path is absolute (`::core::...`, or the
//! `error_catalog` path the user gave with `crate = ...`), every impl is
//! `#[automatically_derived]`, and helpers live in `error_catalog::__private`.

use darling::FromDeriveInput;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::{DeriveInput, Generics, Ident, Type, WherePredicate};

use crate::ast::{CatalogInput, ErrorInput, ModuleAttr, ModuleVariant};
use crate::diagnostic::into_compile_errors;
use crate::fallback;
use crate::format;
use crate::template::Piece;
use crate::valid::{self, CodeModel, ErrorModel};

pub fn derive_error(input: &DeriveInput) -> TokenStream {
    let parsed = match ErrorInput::from_derive_input(input) {
        Ok(parsed) => parsed,
        Err(error) => return fallback::error(input, into_compile_errors(error)),
    };
    match valid::check_error(&parsed, input) {
        Ok(model) => expand_error(&model),
        Err(error) => fallback::error(input, into_compile_errors(error)),
    }
}

fn expand_error(model: &ErrorModel<'_>) -> TokenStream {
    let krate = &model.krate;
    let ident = model.ident;
    let (impl_generics, ty_generics, _) = model.generics.split_for_impl();
    let type_params: Vec<&Ident> = model.generics.type_params().map(|param| &param.ident).collect();

    let CodeArms { items, entry_arms, message_arms, detail_arms, source_arms, display_bounds, detail_bounds } =
        arms(model, &type_params);

    let detail_bounds =
        where_with(model.generics, &detail_bounds, !type_params.is_empty(), quote!(Self: ::core::error::Error));
    let display_bounds = where_with(model.generics, &display_bounds, false, TokenStream::new());

    let count = model.codes.len();
    let entry_names: Vec<Ident> = (0..count).map(|index| format_ident!("__ENTRY_{}", index)).collect();
    let framework = framework_impls(model, &type_params);
    let unreachable =
        if model.is_enum && model.codes.is_empty() { quote!(_ => match *self {},) } else { TokenStream::new() };
    let write_message_body = if model.display {
        quote!(::core::fmt::Display::fmt(self, f))
    } else {
        quote!(match self { #message_arms #unreachable })
    };
    // Without details or sources, the trait's provided methods do: less
    // code to compile for the common error.
    let visit_details = if model.codes.iter().any(|code| !code.details.is_empty()) {
        quote! {
            #[inline]
            fn visit_details<'__a>(&'__a self, visit: &mut dyn ::core::ops::FnMut(#krate::Detail<'__a>)) {
                use #krate::__private::{ProbeAny as _, ProbeStr as _};
                match self { #detail_arms #unreachable }
            }
        }
    } else {
        TokenStream::new()
    };
    let has_source = model.codes.iter().any(|code| code.source.is_some());
    let display = if model.display {
        let source_arms = has_source.then_some(&source_arms);
        std_impls(model, &message_arms, source_arms, &display_bounds, &unreachable, !type_params.is_empty())
    } else {
        TokenStream::new()
    };

    quote! {
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all, clippy::pedantic)]
        const _: () = {
            #items

            #[automatically_derived]
            #[allow(unused_qualifications)]
            impl #impl_generics #krate::CatalogError for #ident #ty_generics #detail_bounds {
                type Catalog = __Catalog;

                #[inline]
                fn entry(&self) -> &'static #krate::Entry {
                    match self { #entry_arms #unreachable }
                }

                #[inline]
                fn entries() -> &'static [&'static #krate::Entry] {
                    static ENTRIES: [&#krate::Entry; #count] = [#(&#entry_names),*];
                    &ENTRIES
                }

                #[inline]
                fn write_message(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #write_message_body
                }

                #visit_details
            }

            #display

            #framework
        };
    }
}

/// The items and match arms of every code of the type, and the bounds its
/// generic fields need.
struct CodeArms {
    items: TokenStream,
    entry_arms: TokenStream,
    message_arms: TokenStream,
    detail_arms: TokenStream,
    source_arms: TokenStream,
    display_bounds: Vec<WherePredicate>,
    detail_bounds: Vec<WherePredicate>,
}

fn arms(model: &ErrorModel<'_>, type_params: &[&Ident]) -> CodeArms {
    let krate = &model.krate;
    let catalog = &model.catalog;
    let mut items = respan(
        quote! {
            type __Catalog = #catalog;
            const __INFO: &#krate::CatalogInfo = <__Catalog as #krate::ErrorCatalog>::INFO;
        },
        model.catalog_span,
    );
    let mut entry_arms = TokenStream::new();
    let mut message_arms = TokenStream::new();
    let mut detail_arms = TokenStream::new();
    let mut source_arms = TokenStream::new();
    let mut display_bounds: Vec<WherePredicate> = Vec::new();
    let mut detail_bounds: Vec<WherePredicate> = Vec::new();

    for (index, code) in model.codes.iter().enumerate() {
        let entry = format_ident!("__ENTRY_{}", index);
        items.extend(code_items(model, code, &entry));

        let path = code.variant.map_or_else(|| quote!(Self), |variant| quote!(Self::#variant));
        // Each arm binds only the fields it reads.
        let pattern = |used: &mut dyn Iterator<Item = usize>| {
            let bindings = used.map(|i| {
                let member = &code.fields[i].member;
                let binding = binding(i);
                quote!(#member: #binding)
            });
            quote!(#path { #(#bindings,)* .. })
        };
        entry_arms.extend(quote!(#path { .. } => &#entry,));

        let writes = message_writes(krate, code, &entry);
        let read = code.message.iter().flat_map(|message| message.fields.iter().flatten().copied());
        let mut read: Vec<usize> = read.collect();
        read.sort_unstable();
        read.dedup();
        let message_pattern = pattern(&mut read.into_iter());
        message_arms.extend(quote!(#message_pattern => { #writes }));

        let details = code.details.iter().map(|(i, name)| {
            let field = &code.fields[*i];
            let binding = binding(*i);
            let ty = field.ty;
            if mentions_params(ty, type_params) {
                detail_bounds.push(syn::parse_quote_spanned!(span_of(ty)=> #ty: #krate::__private::serde::Serialize));
            }
            respan(
                quote!(visit(#krate::__private::detail(#name, (&&#krate::__private::DetailProbe(#binding)).probe()));),
                span_of(ty),
            )
        });
        let detail_pattern = pattern(&mut code.details.iter().map(|(i, _)| *i));
        detail_arms.extend(quote!(#detail_pattern => { #(#details)* }));

        let source = if let Some(i) = code.source {
            let binding = binding(i);
            quote!(#krate::__private::Some({
                use #krate::__private::AsDynError as _;
                #binding.as_dyn_error()
            }))
        } else {
            quote!(#krate::__private::None)
        };
        let source_pattern = pattern(&mut code.source.into_iter());
        source_arms.extend(quote!(#source_pattern => #source,));

        if let Some(message) = &code.message {
            for field in message.fields.iter().flatten() {
                let ty = code.fields[*field].ty;
                if mentions_params(ty, type_params) {
                    display_bounds.push(syn::parse_quote!(#ty: ::core::fmt::Display));
                }
            }
        }
    }

    CodeArms { items, entry_arms, message_arms, detail_arms, source_arms, display_bounds, detail_bounds }
}

/// `Display` from the public message and `Error` with the source field.
fn std_impls(
    model: &ErrorModel<'_>,
    message_arms: &TokenStream,
    source_arms: Option<&TokenStream>,
    display_bounds: &TokenStream,
    unreachable: &TokenStream,
    generic: bool,
) -> TokenStream {
    let ident = model.ident;
    let (impl_generics, ty_generics, _) = model.generics.split_for_impl();
    let error_bounds =
        where_with(model.generics, &[], generic, quote!(Self: ::core::fmt::Debug + ::core::fmt::Display));
    let source = source_arms.map(|arms| {
        quote! {
            #[inline]
            fn source(&self) -> ::core::option::Option<&(dyn ::core::error::Error + 'static)> {
                match self { #arms #unreachable }
            }
        }
    });
    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications)]
        impl #impl_generics ::core::fmt::Display for #ident #ty_generics #display_bounds {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self { #message_arms #unreachable }
            }
        }

        #[automatically_derived]
        #[allow(unused_qualifications)]
        impl #impl_generics ::core::error::Error for #ident #ty_generics #error_bounds {
            #source
        }
    }
}

/// The impls of the framework integrations, written when `error-catalog` has
/// the feature: `IntoResponse` (axum) and `ResponseError` (actix-web).
fn framework_impls(model: &ErrorModel<'_>, type_params: &[&Ident]) -> TokenStream {
    let krate = &model.krate;
    let ident = model.ident;
    let (impl_generics, ty_generics, _) = model.generics.split_for_impl();
    let mut bounds: Vec<TokenStream> = model
        .generics
        .where_clause
        .iter()
        .flat_map(|clause| clause.predicates.iter())
        .map(|predicate| quote!(#predicate))
        .collect();
    if !type_params.is_empty() {
        bounds.push(quote!(Self: #krate::CatalogError + 'static));
    }
    quote!(#krate::__private::responses!([#impl_generics] [#ident #ty_generics] [#(#bounds),*]);)
}

/// The statics of one code, and the checks that run at compile time:
/// the module is declared, the code fits the format and is not retired or
/// reserved, and no other item of the crate has the same code.
fn code_items(model: &ErrorModel<'_>, code: &CodeModel<'_>, entry: &Ident) -> TokenStream {
    let krate = &model.krate;
    let catalog = quote!(__Catalog);
    let module = code.module.value;
    let number = code.code.value;
    let info = quote!(__INFO);
    let module_type = format_ident!("module_{:02}", module);

    // The impl's first token sits at the attribute's `#` and its last at the
    // `]`, so that the compiler's "conflicting implementation" labels cover
    // both attributes whole.
    let impl_token = quote_spanned!(code.attr_span.pound=> impl);
    let header = respan(
        quote!(#krate::__private::UniqueCode<#catalog> for #krate::__private::#module_type::Code<#number> {}),
        code.attr_span.close,
    );
    // A catalog of another crate cannot take the impl (E0117, the orphan
    // rule): its codes are checked across crates by the registry's test.
    let unique = if model.local_catalog {
        quote! {
        #krate::__private::unique_code! {
            #[automatically_derived]
            #impl_token #header
        }
        }
    } else {
        TokenStream::new()
    };
    // The module's check is a trait bound, reported at the module's value;
    // the code's are panics of const evaluation, reported at the code's.
    // Both sit in the entry's initializer: no item of their own to compile.
    let module_value = respan(quote!(#krate::__private::module::<#catalog, #module>()), code.module.span);
    let code_text = respan(quote!(#krate::__private::code_text(#info, #module, #number)), code.code.span);

    let name = &code.name;
    let status = code.status.map_or_else(
        || quote!(#info.default_status()),
        |status| {
            let value = status.value;
            quote!(#value)
        },
    );
    let message = if let Some(message) = &code.message {
        let template = &message.template;
        let pieces = message.pieces.iter().map(|piece| match piece {
            Piece::Text(text) => quote!(#krate::Piece::Text(#text)),
            Piece::Field(field) => quote!(#krate::Piece::Field(#field)),
        });
        quote!(#krate::MessageTemplate { __template: #template, __pieces: &[#(#pieces),*] })
    } else {
        quote! {
            #krate::MessageTemplate {
                __template: #krate::__private::default_message(#status),
                __pieces: &[#krate::Piece::Text(#krate::__private::default_message(#status))],
            }
        }
    };
    let description = &code.description;
    let details = code.details.iter().map(|(_, name)| name);
    let suggestions = &code.suggestions;
    let links = code.links.iter().map(|(url, label)| quote!(#krate::Link { __url: #url, __label: #label }));
    let type_name = match code.variant {
        Some(variant) => format!("{}::{}", model.ident, variant),
        None => model.ident.to_string(),
    };

    let registered = format_ident!("{}_REGISTERED", entry);
    quote! {
        #unique
        #krate::__private::register!(#entry, #registered);
        static #entry: #krate::Entry = #krate::Entry(#krate::__private::EntryParts {
            catalog: #info,
            module: #module_value,
            number: #number,
            code: #code_text,
            name: #name,
            status: #status,
            message: #message,
            description: #description,
            details: &[#(#details),*],
            suggestions: &[#(#suggestions),*],
            links: &[#(#links),*],
            type_path: ::core::concat!(::core::module_path!(), "::", #type_name),
        });
    }
}

/// Writes the public message: one `write_str` for a static message, one
/// `write_fmt(format_args!(...))` for a template. (Writing piece by piece with
/// `?` compiles to far more MIR per type: measured in BENCHMARKS.md.)
fn message_writes(krate: &syn::Path, code: &CodeModel<'_>, entry: &Ident) -> TokenStream {
    let Some(message) = &code.message else {
        return quote!(f.write_str(#entry.0.message.__template));
    };
    let mut format = String::new();
    let mut args = Vec::new();
    for (piece, field) in message.pieces.iter().zip(&message.fields) {
        match (piece, field) {
            (Piece::Text(text), _) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
            (Piece::Field(_), Some(index)) => {
                format.push_str("{}");
                // A field that is not `Display` is reported at its type.
                let binding = binding(*index);
                args.push(respan(quote!(#krate::__private::message_field(#binding)), span_of(code.fields[*index].ty)));
            }
            (Piece::Field(_), None) => {}
        }
    }
    if args.is_empty() {
        quote!(f.write_str(#format))
    } else {
        quote!(f.write_fmt(::core::format_args!(#format, #(#args),*)))
    }
}

/// Gives every token of `tokens` the span `span`, so that an error the
/// compiler finds in them points at the user's attribute rather than at the
/// derive.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let proc_macro2::TokenTree::Group(group) = &token {
                let mut inner = proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                token = proc_macro2::TokenTree::Group(inner);
            } else {
                token.set_span(span);
            }
            token
        })
        .collect()
}

fn binding(index: usize) -> Ident {
    format_ident!("__field{}", index)
}

fn span_of(ty: &Type) -> Span {
    syn::spanned::Spanned::span(ty)
}

/// Whether a field's type names one of the type's generic parameters, and so
/// needs a bound in the generated impls.
fn mentions_params(ty: &Type, params: &[&Ident]) -> bool {
    fn walk(tokens: TokenStream, params: &[&Ident]) -> bool {
        tokens.into_iter().any(|token| match token {
            proc_macro2::TokenTree::Ident(ident) => params.iter().any(|param| **param == ident),
            proc_macro2::TokenTree::Group(group) => walk(group.stream(), params),
            _ => false,
        })
    }
    !params.is_empty() && walk(quote!(#ty), params)
}

fn where_with(generics: &Generics, extra: &[WherePredicate], add_self: bool, self_bound: TokenStream) -> TokenStream {
    let mut predicates: Vec<TokenStream> = generics
        .where_clause
        .iter()
        .flat_map(|clause| clause.predicates.iter())
        .map(|predicate| quote!(#predicate))
        .collect();
    predicates.extend(extra.iter().map(|predicate| quote!(#predicate)));
    if add_self {
        predicates.push(self_bound);
    }
    if predicates.is_empty() { TokenStream::new() } else { quote!(where #(#predicates),*) }
}

pub fn derive_catalog(input: &DeriveInput) -> TokenStream {
    let parsed = match CatalogInput::from_derive_input(input) {
        Ok(parsed) => parsed,
        Err(error) => return into_compile_errors(error),
    };
    match expand_catalog(&parsed) {
        Ok(tokens) => tokens,
        Err(error) => into_compile_errors(error),
    }
}

fn expand_catalog(input: &CatalogInput) -> darling::Result<TokenStream> {
    let mut errors = darling::Error::accumulator();
    let ident = &input.ident;
    if !input.generics.params.is_empty() {
        errors.push(
            darling::Error::custom("a catalog cannot be generic: it is one declaration per crate")
                .with_span(&input.generics),
        );
    }
    let format = if let Some(text) = &input.format {
        errors
            .handle(format::parse(&text.value).map_err(|message| darling::Error::custom(message).with_span(&text.span)))
    } else {
        errors.push(
            darling::Error::custom("missing `format`: write `#[catalog(format = \"ERR-{module:02}-{code:03}\")]`")
                .with_span(ident),
        );
        None
    };
    let default_status = input.default_status.map_or(400, |int| int.value);

    let variants = input.data.as_ref().take_enum().unwrap_or_default();
    if variants.is_empty() {
        errors.push(
            darling::Error::custom(
                "a catalog needs at least one module: add a variant `#[module(1, name = \"...\")] Name`",
            )
            .with_span(ident),
        );
    }
    let mut modules: Vec<ModuleParts> = Vec::new();
    for variant in variants {
        if let Some(module) = errors.handle(module_of(variant, format.as_ref())) {
            if let Some(first) = modules.iter().find(|existing| existing.0 == module.0) {
                let _ = first;
                errors.push(
                    darling::Error::custom(format!(
                        "module {} is declared twice: every module needs its own number",
                        module.0
                    ))
                    .with_span(&module.4),
                );
                continue;
            }
            modules.push(module);
        }
    }
    errors.finish()?;
    let Some(format) = format else {
        return Err(darling::Error::custom("the catalog's format is invalid").with_span(ident));
    };
    modules.sort_by_key(|module| module.0);

    let krate = input.krate.as_ref().map_or_else(
        || quote!(::error_catalog),
        |key| {
            let path = &key.path;
            quote!(#path)
        },
    );
    let name = ident.to_string();
    let template = input.format.as_ref().map(|text| text.value.clone()).unwrap_or_default();
    let format::CodeFormat { prefix, infix, suffix, module_width, code_width, module_first } = format;
    let api = input.api.as_ref().map_or_else(|| "the API".to_owned(), |text| text.value.clone());
    let title = input.title.as_ref().map_or_else(|| "Error Codes".to_owned(), |text| text.value.clone());
    let description = input
        .description
        .as_ref()
        .map_or_else(|| format!("Reference for {api} error codes"), |text| text.value.clone());
    let module_infos = modules.iter().map(|(number, name, retired, reserved, _)| {
        quote!(#krate::ModuleInfo::__new(#number, #name, &[#(#retired),*], &[#(#reserved),*]))
    });
    let has_module = modules.iter().map(|(number, ..)| {
        quote! {
            #[automatically_derived]
            impl #krate::__private::HasModule<#number> for #ident {}
        }
    });

    Ok(quote! {
        #[allow(unused_qualifications, clippy::all, clippy::pedantic)]
        const _: () = {
            #[automatically_derived]
            // A static, not a promoted constant: every entry of this catalog
            // then points at the same address, which is how the registry
            // tells catalogs apart.
            static __INFO: #krate::CatalogInfo = #krate::CatalogInfo::__new(
                #name,
                #krate::CodeFormat::__new(#template, #prefix, #infix, #suffix, #module_width, #code_width, #module_first),
                #default_status,
                &[#(#module_infos),*],
                #krate::Document { title: #title, description: #description, api: #api },
            );

            #[automatically_derived]
            impl #krate::ErrorCatalog for #ident {
                const INFO: &'static #krate::CatalogInfo = &__INFO;
            }
            #(#has_module)*
        };
    })
}

type ModuleParts = (u16, String, Vec<u16>, Vec<u16>, Span);

fn module_of(variant: &ModuleVariant, format: Option<&format::CodeFormat>) -> darling::Result<ModuleParts> {
    let mut errors = darling::Error::accumulator();
    if !variant.fields.is_empty() {
        errors.push(
            darling::Error::custom("a module variant has no fields: write `Name`, not `Name(...)`")
                .with_span(&variant.ident),
        );
    }
    let mut attrs = variant.attrs.iter().filter(|attr| attr.path().is_ident("module"));
    let Some(attr) = attrs.next() else {
        errors.push(
            darling::Error::custom(format!(
                "`{}` has no `#[module(...)]`: every variant of a catalog is a module, like `#[module(1, name = \"...\")]`",
                variant.ident
            ))
            .with_span(&variant.ident),
        );
        return Err(errors.finish().err().unwrap_or_else(|| darling::Error::custom("module")));
    };
    if let Some(second) = attrs.next() {
        errors.push(darling::Error::custom("`#[module(...)]` is given more than once").with_span(second));
    }
    let Some(module) = errors.handle(ModuleAttr::parse(attr)) else {
        return Err(errors.finish().err().unwrap_or_else(|| darling::Error::custom("invalid `#[module]`")));
    };
    let max = format.map_or(99, format::CodeFormat::max_module).min(99);
    let number = module.number.value;
    if u64::from(number) > max {
        errors.push(
            darling::Error::custom(format!(
                "module {number} is out of range: the format numbers modules from 1 to {max}"
            ))
            .with_span(&module.number.span),
        );
    }
    let name = if let Some(text) = &module.keys.name {
        text.value.clone()
    } else {
        errors
            .push(darling::Error::custom("missing `name = \"...\"`: every module has a name").with_span(&module.span));
        String::new()
    };
    let codes = |list: &Option<crate::ast::IntList>| -> Vec<u16> {
        list.iter().flat_map(|list| list.values.iter()).map(|int| int.value).collect()
    };
    let retired = codes(&module.keys.retired);
    let reserved = codes(&module.keys.reserved);
    errors.finish()?;
    Ok((number, name, retired, reserved, module.number.span))
}
