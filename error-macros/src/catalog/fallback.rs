//! What `#[derive(ErrorCatalog)]` emits when the declaration is wrong: the
//! errors, and a stand-in catalog that declares every module and accepts
//! every code, so that the crate's errors, checked against it, add nothing
//! to the mistake that matters.

use proc_macro2::TokenStream;
use quote::quote;

use super::ast::Input;

pub fn expand(input: &Input<'_>, errors: &TokenStream) -> TokenStream {
    let ident = &input.original.ident;
    let (impl_generics, ty_generics, where_clause) = input.original.generics.split_for_impl();
    let krate = crate::attr::runtime_path(input.keys.krate.as_ref());
    let name = ident.to_string();
    // The catalog's macro, writing nothing: the errors that call it add no
    // error of their own.
    let link = if cfg!(feature = "link-check") {
        crate::link::catalog_macro(ident, &quote::ToTokens::to_token_stream(input.original).to_string(), false)
    } else {
        TokenStream::new()
    };
    quote! {
        #errors
        #link
        #[allow(unused_qualifications, clippy::all, clippy::pedantic)]
        const _: () = {
            use #krate::__private as __p;
            static __INFO: __p::CatalogInfo = __p::CatalogInfo::__stand_in(#name);

            #[automatically_derived]
            impl #impl_generics __p::ErrorCatalog for #ident #ty_generics #where_clause {
                const INFO: &'static __p::CatalogInfo = &__INFO;
            }

            #[automatically_derived]
            impl<const __M: u16> __p::HasModule<__M> for #ident {}
        };
    }
}
