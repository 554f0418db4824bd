//! What `#[derive(CatalogError)]` emits when the input is wrong: the
//! errors, and beside them impls whose bodies never run (the build fails
//! anyway), so that the rest of the crate does not add "trait not
//! implemented" errors to the ones that matter.

use proc_macro2::TokenStream;
use quote::quote;

use super::ast::Input;
use super::expand::{Context, wrap};
use crate::bounds::Bounds;
use crate::out::Out;

/// The errors and the stand-ins. `crate = path`, `catalog = path` and
/// `display = false` are taken from the keys that could be read: a renamed
/// runtime still names its stand-ins right, the type's uses keep their
/// catalog, and a type whose `Display` comes from elsewhere (thiserror) gets
/// no second one.
pub fn expand(input: &Input<'_>, errors: &TokenStream) -> TokenStream {
    let cx = Context::new(input);
    // The bounds of the real impls, so that a generic type's stand-ins ask
    // no more of it than they would.
    let (mut catalog_bounds, mut error_bounds) = (Bounds::default(), Bounds::default());
    if !cx.params.is_empty() {
        catalog_bounds.push(quote!(Self: __p::Error));
        error_bounds.push(quote!(Self: ::core::fmt::Debug + __p::Display));
    }
    let mut body = Out::new();
    cx.header(&mut body, "__p::CatalogError", &catalog_bounds);
    body.text(&format!(
        "{{ type Catalog = {}; fn entry(&self) -> &'static __p::Entry {{ __p::unreachable!() }} \
         fn entries() -> &'static [&'static __p::Entry] {{ &[] }} }}",
        cx.catalog()
    ));
    if input.keys.display.is_none_or(|flag| flag.value) {
        cx.header(&mut body, "__p::Display", &Bounds::default());
        body.text("{ fn fmt(&self, _: &mut __p::Formatter<'_>) -> __p::FmtResult { __p::unreachable!() } }");
        cx.header(&mut body, "__p::Error", &error_bounds);
        body.text("{}");
    }
    cx.framework_impls(&mut body);
    let stand_ins = wrap(&cx, body);
    quote!(#errors #stand_ins)
}
