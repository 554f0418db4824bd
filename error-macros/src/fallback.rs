//! What `#[derive(CatalogError)]` emits when the input is wrong: the
//! errors, and beside them impls whose bodies never run (the build fails
//! anyway), so that the rest of the crate does not add "trait not
//! implemented" errors to the ones that matter.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub fn error(input: &DeriveInput, errors: TokenStream) -> TokenStream {
    if matches!(input.data, syn::Data::Union(_)) {
        // Nothing can implement the traits for a union: stand-ins would only
        // add errors about `Debug` to the one that says why.
        return errors;
    }
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let keys = lenient(input);
    let krate = keys.krate.unwrap_or_else(|| syn::parse_quote!(::error_catalog));
    let keeps_display = keys.display;
    let display = keeps_display.then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::fmt::Display for #ident #ty_generics #where_clause {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::unreachable!()
                }
            }
            #[automatically_derived]
            impl #impl_generics ::core::error::Error for #ident #ty_generics #where_clause {}
        }
    });
    quote! {
        #errors
        #[allow(clippy::all, clippy::pedantic)]
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #krate::CatalogError for #ident #ty_generics #where_clause {
                type Catalog = #krate::__private::Unchecked;
                fn entry(&self) -> &'static #krate::Entry {
                    ::core::unreachable!()
                }
                fn entries() -> &'static [&'static #krate::Entry] {
                    &[]
                }
                fn write_message(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::unreachable!()
                }
                fn visit_details<'__a>(&'__a self, _: &mut dyn ::core::ops::FnMut(#krate::Detail<'__a>)) {
                    ::core::unreachable!()
                }
            }
            #display
        };
    }
}

/// The keys a stand-in needs, read leniently: the strict reading already
/// failed. `crate = path` names error-catalog; `display = false` means the type
/// brings its own `Display` and `Error`, so stand-ins for them would clash.
struct Lenient {
    krate: Option<syn::Path>,
    display: bool,
}

fn lenient(input: &DeriveInput) -> Lenient {
    let mut keys = Lenient { krate: None, display: true };
    for attr in input.attrs.iter().filter(|attr| attr.path().is_ident("catalog")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let value = meta.value()?;
                if let Ok(text) = value.parse::<syn::LitStr>() {
                    keys.krate = text.parse().ok();
                } else {
                    keys.krate = value.parse().ok();
                }
            } else if meta.path.is_ident("display") && meta.input.peek(syn::Token![=]) {
                if let Ok(value) = meta.value()?.parse::<syn::LitBool>() {
                    keys.display = value.value;
                }
            } else if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<syn::Expr>()?;
            } else if meta.input.peek(syn::token::Paren) {
                meta.parse_nested_meta(|_| Ok(()))?;
            }
            Ok(())
        });
    }
    keys
}
