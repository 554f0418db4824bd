//! `#[derive(ErrorCatalog)]`: read the declaration into its model (`ast`),
//! check it (`valid`, which parses the `format`), then write the catalog
//! (`expand`), or the errors and a stand-in (`fallback`).

mod ast;
mod expand;
mod fallback;
mod format;
mod valid;

use proc_macro2::TokenStream;
use syn::DeriveInput;

pub fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = darling::Error::accumulator();
    let model = ast::Input::from_syn(input, &mut errors);
    let checked = valid::check(&model, &mut errors);
    match (errors.finish(), checked) {
        (Ok(()), Some(checked)) => expand::expand(&model, &checked),
        (result, _) => fallback::expand(&model, &result.err().map(darling::Error::write_errors).unwrap_or_default()),
    }
}
