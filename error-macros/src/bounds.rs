//! The bounds a generic error needs: `T: Display` for a field its message
//! shows, `T: Serialize` for a detail. Found by walking each field's type
//! with a syn visitor, so `Vec<T>` and `<T as Trait>::Assoc` count and a
//! type merely named like a parameter in a path (`other::T`) does not; each
//! predicate is written once, beside the type's own where clause.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::visit::{self, Visit};
use syn::{Generics, Ident, Type, TypePath};

/// The type parameters of a type.
pub struct Params<'a> {
    names: BTreeSet<&'a Ident>,
}

impl<'a> Params<'a> {
    pub fn of(generics: &'a Generics) -> Self {
        Self { names: generics.type_params().map(|param| &param.ident).collect() }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Whether `ty` mentions one of the parameters.
    pub fn in_type(&self, ty: &Type) -> bool {
        struct Finder<'p, 'a> {
            params: &'p Params<'a>,
            found: bool,
        }
        impl<'ast> Visit<'ast> for Finder<'_, '_> {
            fn visit_type_path(&mut self, ty: &'ast TypePath) {
                // `T`, `T::Assoc`: a path that starts with a parameter.
                if ty.qself.is_none()
                    && let Some(first) = ty.path.segments.first()
                    && self.params.names.contains(&first.ident)
                {
                    self.found = true;
                }
                visit::visit_type_path(self, ty);
            }
        }
        if self.names.is_empty() {
            return false;
        }
        let mut finder = Finder { params: self, found: false };
        finder.visit_type(ty);
        finder.found
    }
}

/// Predicates to add to a where clause, each once.
#[derive(Default)]
pub struct Bounds {
    seen: BTreeSet<String>,
    predicates: Vec<TokenStream>,
}

impl Bounds {
    /// Adds `predicate` unless it is already there.
    pub fn push(&mut self, predicate: TokenStream) {
        if self.seen.insert(predicate.to_string()) {
            self.predicates.push(predicate);
        }
    }

    /// The where clause of an impl: the type's own predicates, then these,
    /// each once; nothing when there are none.
    pub fn where_clause(&self, generics: &Generics) -> TokenStream {
        let mut seen = BTreeSet::new();
        let own =
            generics.where_clause.iter().flat_map(|clause| clause.predicates.iter()).map(ToTokens::to_token_stream);
        let predicates: Vec<TokenStream> =
            own.chain(self.predicates.iter().cloned()).filter(|predicate| seen.insert(predicate.to_string())).collect();
        if predicates.is_empty() { TokenStream::new() } else { quote!(where #(#predicates),*) }
    }
}

#[cfg(test)]
mod tests {
    use super::{Bounds, Params};

    #[test]
    fn finds_parameters_inside_types_only() {
        let generics: syn::Generics = syn::parse_quote!(<T, U>);
        let params = Params::of(&generics);
        for (ty, expected) in [
            (syn::parse_quote!(T), true),
            (syn::parse_quote!(Vec<T>), true),
            (syn::parse_quote!(T::Item), true),
            (syn::parse_quote!(&'a [U]), true),
            (syn::parse_quote!(other::T), false),
            (syn::parse_quote!(String), false),
        ] {
            let ty: syn::Type = ty;
            assert_eq!(params.in_type(&ty), expected, "{}", quote::quote!(#ty));
        }
    }

    #[test]
    fn writes_each_predicate_once() {
        let mut generics: syn::Generics = syn::parse_quote!(<T>);
        let mut bounds = Bounds::default();
        bounds.push(quote::quote!(T: Display));
        bounds.push(quote::quote!(T: Display));
        bounds.push(quote::quote!(T: Clone));
        generics.where_clause = Some(syn::parse_quote!(where T: Clone));
        assert_eq!(bounds.where_clause(&generics).to_string(), "where T : Clone , T : Display");
    }
}
