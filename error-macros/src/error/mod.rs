//! `#[derive(CatalogError)]`: read the input into its model (`ast`), check
//! what needs more than one key (`valid`), then write the code (`expand`),
//! or the errors and stand-ins (`fallback`).

mod ast;
mod expand;
mod fallback;
mod valid;

use proc_macro2::TokenStream;
use syn::DeriveInput;

pub fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = darling::Error::accumulator();
    let Some(model) = ast::Input::from_syn(input, &mut errors) else {
        // A union: nothing can stand in for it.
        return errors.finish().err().map(darling::Error::write_errors).unwrap_or_default();
    };
    valid::check(&model, &mut errors);
    match errors.finish() {
        Ok(()) => expand::expand(&model),
        Err(errors) => fallback::expand(&model, &errors.write_errors()),
    }
}
