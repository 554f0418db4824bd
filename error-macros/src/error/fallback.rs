//! What `#[derive(CatalogError)]` emits when the input is wrong: the
//! errors, and beside them impls whose bodies never run (the build fails
//! anyway), so that the rest of the crate does not add "trait not
//! implemented" errors to the ones that matter.

use proc_macro2::TokenStream;
use quote::quote;

use super::ast::Input;
use super::expand::Context;
use crate::bounds::Bounds;

/// The errors and the stand-ins. `crate = path` and `display = false` are
/// taken from the keys that could be read: a renamed runtime still names
/// its stand-ins right, and a type whose `Display` comes from elsewhere
/// (thiserror) gets no second one.
pub fn expand(input: &Input<'_>, errors: &TokenStream) -> TokenStream {
    let cx = Context::new(input);
    let krate = &cx.krate;
    // The bounds of the real impls, so that a generic type's stand-ins
    // ask no more of it than they would.
    let (mut catalog_bounds, mut error_bounds) = (Bounds::default(), Bounds::default());
    if !cx.params.is_empty() {
        catalog_bounds.push(quote!(Self: __p::Error));
        error_bounds.push(quote!(Self: ::core::fmt::Debug + __p::Display));
    }
    let error = cx.header(&quote!(__p::CatalogError), &catalog_bounds);
    // The catalog the type names: the uses of the type keep their types.
    // A catalog whose own declaration failed has a stand-in of its own.
    let catalog = cx.catalog();
    let display = input.keys.display.is_none_or(|flag| flag.value).then(|| {
        let display = cx.header(&quote!(__p::Display), &Bounds::default());
        let error = cx.header(&quote!(__p::Error), &error_bounds);
        quote! {
            #display {
                fn fmt(&self, _: &mut __p::Formatter<'_>) -> __p::FmtResult {
                    __p::unreachable!()
                }
            }
            #error {}
        }
    });
    let frameworks = cx.framework_impls();
    quote! {
        #errors
        #[allow(unused_qualifications, clippy::all, clippy::pedantic)]
        const _: () = {
            use #krate::__private as __p;
            #error {
                type Catalog = #catalog;
                fn entry(&self) -> &'static __p::Entry {
                    __p::unreachable!()
                }
                fn entries() -> &'static [&'static __p::Entry] {
                    &[]
                }
            }
            #display
            #frameworks
        };
    }
}
