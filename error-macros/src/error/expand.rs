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
//!
//! The code is written as text (`out.rs` says why); what must point at the
//! user's attribute when it fails to compile is spliced in with its span.

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Ident, Literal, Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;

use super::ast::{Code, CodeValue, Field, Input, ModuleKey, RetryAfter};
use crate::bounds::{Bounds, Params};
use crate::message::Piece;
use crate::out::{Out, literal};

/// What every part of the expansion needs to know.
pub struct Context<'a> {
    pub input: &'a Input<'a>,
    pub params: Params<'a>,
    /// Whether the impls need the type's generics: then their headers are
    /// made of tokens, the rest is text.
    generic: bool,
}

impl<'a> Context<'a> {
    pub fn new(input: &'a Input<'a>) -> Self {
        let generics = &input.original.generics;
        Self {
            input,
            params: Params::of(generics),
            generic: !generics.params.is_empty() || generics.where_clause.is_some(),
        }
    }

    /// The path of the runtime: `crate = path`, or `::error_catalog`.
    pub fn krate(&self) -> String {
        self.input
            .keys
            .krate
            .as_ref()
            .map_or_else(|| crate::attr::RUNTIME.to_owned(), |path| path.path.to_token_stream().to_string())
    }

    /// The catalog the type names, `crate::Catalog` unless it says.
    pub fn catalog(&self) -> String {
        let keys = &self.input.keys;
        keys.catalog
            .as_ref()
            .or(keys.extern_catalog.as_ref())
            .map_or_else(|| "crate::Catalog".to_owned(), |path| path.path.to_token_stream().to_string())
    }

    /// `impl<...> Trait for Type<...> where ...`, with `bounds` added to the
    /// type's own where clause.
    pub fn header(&self, out: &mut Out, trait_path: &str, bounds: &Bounds) {
        let ident = &self.input.original.ident;
        if self.generic {
            let (impl_generics, ty_generics, _) = self.input.original.generics.split_for_impl();
            let where_clause = bounds.where_clause(&self.input.original.generics);
            // The trait's path stays text, lexed with the rest of `out`.
            out.tokens(quote!(#[automatically_derived] impl #impl_generics));
            out.text(trait_path).text("for");
            out.tokens(quote!(#ident #ty_generics #where_clause));
        } else {
            let _ = write!(out, "#[automatically_derived] impl {trait_path} for {ident}");
        }
    }

    /// The impls of the integrations whose features are on: axum's and
    /// actix-web's answer with the error's status and body, utoipa's
    /// document the type's codes, tonic's and jsonrpsee's convert it into a
    /// gRPC status and a JSON-RPC error object, async-graphql's extends it
    /// into a GraphQL error.
    pub fn framework_impls(&self, out: &mut Out) {
        let mut bounds = Bounds::default();
        if !self.params.is_empty() {
            bounds.push(quote!(Self: __p::CatalogError + 'static));
        }
        if cfg!(feature = "axum") {
            self.header(out, "__p::axum_core::response::IntoResponse", &bounds);
            out.text(
                "{ fn into_response(self) -> __p::axum_core::response::Response { __p::axum_into_response(&self) } }",
            );
        }
        if cfg!(feature = "actix-web") {
            self.header(out, "__p::actix_web::ResponseError", &bounds);
            out.text(
                "{ fn status_code(&self) -> __p::actix_web::http::StatusCode { __p::actix_status_code(self) } \
                 fn error_response(&self) -> __p::actix_web::HttpResponse { __p::actix_error_response(self) } }",
            );
        }
        if cfg!(feature = "utoipa") {
            // The examples of `ErrorExamples`, when the type implements it:
            // found by autoref at this concrete type, which a generic type
            // is not (it shows the templates).
            let examples = if self.generic {
                "&[]"
            } else {
                "&{ #[allow(unused_imports)] use __p::{ProbeExamples as _, ProbeNoExamples as _}; \
                 (&&__p::ExampleProbe::<Self>::new()).examples() }"
            };
            let label = literal(&self.input.original.ident.to_string());
            self.header(out, "__p::DocumentedErrors", &bounds);
            let _ = write!(
                out,
                "{{ fn document(errors: &mut __p::ErrorSet) {{ errors.add::<Self>({label}, {examples}); }} }}"
            );
            self.header(out, "__p::utoipa::IntoResponses", &bounds);
            out.text("{ fn responses() -> __p::UtoipaResponses { __p::utoipa_responses::<Self>() } }");
        }
        if cfg!(feature = "miette") {
            // A lifetime named apart from any of the type's own.
            self.header(out, "__p::miette::Diagnostic", &bounds);
            out.text(
                "{ fn code<'__catalog>(&'__catalog self) -> __p::Option<__p::Box<dyn __p::Display + '__catalog>> { \
                 __p::miette_code(self) } \
                 fn url<'__catalog>(&'__catalog self) -> __p::Option<__p::Box<dyn __p::Display + '__catalog>> { \
                 __p::miette_url(self) } \
                 fn help<'__catalog>(&'__catalog self) -> __p::Option<__p::Box<dyn __p::Display + '__catalog>> { \
                 __p::miette_help(self) } \
                 fn severity(&self) -> __p::Option<__p::miette::Severity> { __p::miette_severity(self) } }",
            );
        }
        if cfg!(feature = "tonic") {
            self.conversion(out, "__p::tonic::Status", "__p::tonic_status");
        }
        if cfg!(feature = "jsonrpsee") {
            self.conversion(out, "__p::jsonrpsee_types::ErrorObjectOwned", "__p::jsonrpsee_error_object");
        }
        if cfg!(feature = "async-graphql") {
            self.header(out, "__p::async_graphql::ErrorExtensions", &bounds);
            out.text("{ fn extend(&self) -> __p::async_graphql::Error { __p::async_graphql_error(self) } }");
        }
    }

    /// `impl From<Type> for Target { fn from(error: Type) -> Self { convert(&error) } }`.
    fn conversion(&self, out: &mut Out, target: &str, convert: &str) {
        self.conversion_header(out, target);
        let ident = &self.input.original.ident;
        let ty = if self.generic {
            let (_, ty_generics, _) = self.input.original.generics.split_for_impl();
            quote!(#ident #ty_generics).to_string()
        } else {
            ident.to_string()
        };
        out.text(&format!("{{ fn from(error: {ty}) -> Self {{ {convert}(&error) }} }}"));
    }

    /// `impl<...> From<Type<...>> for Target where ...`: the type converts
    /// into a framework's error; a generic type only when it is a catalog
    /// error, as in the other framework impls.
    fn conversion_header(&self, out: &mut Out, target: &str) {
        let ident = &self.input.original.ident;
        if self.generic {
            let generics = &self.input.original.generics;
            let (impl_generics, ty_generics, _) = generics.split_for_impl();
            let mut bounds = Bounds::default();
            if !self.params.is_empty() {
                bounds.push(quote!(#ident #ty_generics: __p::CatalogError));
            }
            let where_clause = bounds.where_clause(generics);
            out.tokens(quote!(
                #[automatically_derived]
                impl #impl_generics ::core::convert::From<#ident #ty_generics> for
            ));
            out.text(target);
            out.tokens(where_clause);
        } else {
            let _ = write!(out, "#[automatically_derived] impl ::core::convert::From<{ident}> for {target}");
        }
    }
}

/// `const _: () = { use <runtime>::__private as __p; <body> };`
pub fn wrap(cx: &Context<'_>, body: Out) -> TokenStream {
    let mut out = Out::new();
    let _ = write!(
        out,
        "#[allow(non_upper_case_globals, unused_qualifications, clippy::all, clippy::pedantic)] const _: () ="
    );
    let mut inner = Out::new();
    let _ = write!(inner, "use {}::__private as __p; ", cx.krate());
    inner.tokens(body.finish());
    out.group(Delimiter::Brace, inner);
    out.text(";");
    out.finish()
}

pub fn expand(input: &Input<'_>) -> TokenStream {
    let cx = Context::new(input);
    let mut body = Out::new();
    let span = input.catalog_span();
    let keys = &input.keys;
    let catalog = keys
        .catalog
        .as_ref()
        .or(keys.extern_catalog.as_ref())
        .map_or_else(|| quote_spanned!(span=> crate::Catalog), |path| path.path.to_token_stream());
    body.tokens(quote_spanned! {span=>
        type __C = #catalog;
        const __I: &__p::CatalogInfo = <__C as __p::ErrorCatalog>::INFO;
    });
    for (index, code) in input.codes.iter().enumerate() {
        code_items(&cx, &mut body, code, index);
    }
    catalog_error_impl(&cx, &mut body);
    if input.keys.display.is_none_or(|flag| flag.value) {
        std_impls(&cx, &mut body);
    }
    cx.framework_impls(&mut body);
    catcher(&cx, &mut body);
    wrap(&cx, body)
}

/// With the registry: the function that finds a value of the type in a
/// chain of errors, registered for `find_in_chain`. Autoref picks, at the
/// concrete type, whether it may also look into anyhow's and eyre's context
/// (which hold `Send + Sync` values only). A generic type has no one type to
/// downcast to, so it registers nothing.
fn catcher(cx: &Context<'_>, out: &mut Out) {
    if !cfg!(feature = "registry") || cx.generic {
        return;
    }
    let ident = &cx.input.original.ident;
    let _ = write!(
        out,
        "fn __catch<'__a>(link: __p::ChainLink<'__a>) -> __p::Option<__p::Found<'__a>> {{ \
         #[allow(unused_imports)] use __p::{{CatchShared as _, CatchLocal as _}}; \
         (&&__p::CatchProbe::<{ident}>::NEW).catch(link) }} \
         #[__p::linkme::distributed_slice(__p::CATCHERS)] #[linkme(crate = __p::linkme)] \
         static __K: __p::Catcher = __catch;"
    );
}

/// `Self`, or `Self::Variant`.
fn path_of(code: &Code<'_>) -> String {
    code.variant.map_or_else(|| "Self".to_owned(), |variant| format!("Self::{variant}"))
}

/// A pattern of `code` that binds the fields at `used` (`__0`, `__1`...).
fn pattern(code: &Code<'_>, used: impl IntoIterator<Item = usize>) -> String {
    let mut pattern = path_of(code);
    pattern.push_str(" {");
    for index in used {
        let member = member(&code.fields[index]);
        let _ = write!(pattern, " {member}: __{index},");
    }
    pattern.push_str(" .. }");
    pattern
}

fn member(field: &Field<'_>) -> String {
    field.member.to_token_stream().to_string()
}

/// `match self { arms }`, with `arm` writing the arm of each code; a struct
/// has no `match`, only its one arm's pattern as a `let`.
fn matched(cx: &Context<'_>, out: &mut Out, mut arm: impl FnMut(&mut Out, &Code<'_>, usize) -> Option<String>) {
    let input = cx.input;
    if !input.is_enum {
        // `arm` writes the body after the pattern it returns.
        let mut body = Out::new();
        if let Some(pattern) = arm(&mut body, &input.codes[0], 0)
            && !pattern.ends_with("{ .. }")
        {
            let _ = write!(out, "let {pattern} = self;");
        }
        out.tokens(body.finish());
        return;
    }
    if input.codes.is_empty() {
        out.text("match *self {}");
        return;
    }
    out.text("match self");
    let mut arms = Out::new();
    for (index, code) in input.codes.iter().enumerate() {
        let mut body = Out::new();
        let pattern = arm(&mut body, code, index).unwrap_or_else(|| format!("{} {{ .. }}", path_of(code)));
        let _ = write!(arms, "{pattern} =>");
        arms.group(Delimiter::Brace, body);
    }
    out.group(Delimiter::Brace, arms);
}

/// The uniqueness impl and the entry `static` of one code.
fn code_items(cx: &Context<'_>, out: &mut Out, code: &Code<'_>, index: usize) {
    let Some(value) = &code.keys.code else { return };
    let module = code.keys.module_key(&cx.input.keys);
    unique_impl(cx, out, code, value, module);
    if cfg!(feature = "link-check") {
        link_check(cx, out, value, module);
    }
    let _ = write!(out, "static __E{index}: __p::Entry = __p::Entry");
    let mut entry = Out::new();
    entry.text("__p::EntryParts");
    let mut parts = Out::new();
    entry_parts(cx, &mut parts, code, value, module);
    let type_name = match code.variant {
        Some(variant) => format!("::{}::{variant}", cx.input.original.ident),
        None => format!("::{}", cx.input.original.ident),
    };
    let _ = write!(
        parts,
        "type_path: __p::concat!(__p::module_path!(), {}), ..__p::EntryParts::DEFAULT",
        literal(&type_name)
    );
    entry.group(Delimiter::Brace, parts);
    out.group(Delimiter::Parenthesis, entry);
    out.text(";");
    if cfg!(feature = "registry") {
        let _ = write!(
            out,
            "#[__p::linkme::distributed_slice(__p::ENTRIES)] #[linkme(crate = __p::linkme)] \
             static __E{index}_R: &__p::Entry = &__E{index};"
        );
    }
}

/// `impl UniqueCode<Catalog> for <key> {}`: a second impl with the same key
/// is E0119. The key is readable for numbers and a hash for text (const
/// generics take no strings). The impl's first token sits at the
/// attribute's `#` and the rest at its `]`, so that E0119's labels cover both
/// attributes whole. A catalog of another crate cannot take the impl (E0117,
/// the orphan rule): its codes are checked across crates by the registry's
/// test.
fn unique_impl(cx: &Context<'_>, out: &mut Out, code: &Code<'_>, value: &CodeValue, module: Option<ModuleKey<'_>>) {
    if cx.input.keys.extern_catalog.is_some() || cfg!(error_catalog_unchecked_codes) {
        return;
    }
    let (bucket, key) = match (value, module) {
        (CodeValue::Number(number, _), Some(ModuleKey::Number(module))) => {
            (format!("module_{:02}", module.value), signed(*number, span_of(code)))
        }
        (CodeValue::Number(number, _), _) => {
            (format!("flat_{:02}", number.rem_euclid(100)), signed(*number, span_of(code)))
        }
        (CodeValue::Text(text, _), _) => {
            let hash = crate::attr::fnv1a_128(text.as_bytes());
            (
                format!("text_{:02x}", hash >> 120),
                spanned_literal(Literal::u128_unsuffixed(hash), span_of(code)).into_token_stream(),
            )
        }
    };
    let span = code.attr_span();
    let bucket = Ident::new(&bucket, span.close);
    out.text("#[automatically_derived]");
    out.tokens(quote_spanned!(span.pound=> impl));
    out.tokens(quote_spanned!(span.close=> __p::UniqueCode<__C> for __p::#bucket::Code<#key> {}));
}

/// Feature `link-check`: the code's symbol, written by the catalog's macro
/// (see `link.rs`) under the key the uniqueness check above reads.
fn link_check(cx: &Context<'_>, out: &mut Out, value: &CodeValue, module: Option<ModuleKey<'_>>) {
    let key = match (value, module) {
        (CodeValue::Number(number, _), Some(ModuleKey::Number(module))) => {
            crate::link::key(Some(i64::try_from(module.value).unwrap_or(i64::MAX)), Some(*number), None)
        }
        (CodeValue::Number(number, _), _) => crate::link::key(None, Some(*number), None),
        (CodeValue::Text(text, _), _) => crate::link::key(None, None, Some(text)),
    };
    let _ = write!(out, "{}!(link_check, {});", cx.catalog(), literal(&key));
}

/// The fields of an entry that its attribute sets; `..DEFAULT` gives the
/// others. The module's check is a trait bound, reported at the module's
/// value; the code's are panics of constant evaluation, reported at the
/// code's.
fn entry_parts(cx: &Context<'_>, out: &mut Out, code: &Code<'_>, value: &CodeValue, module: Option<ModuleKey<'_>>) {
    out.text("catalog: __I,");
    code_and_module(out, value, module);
    if let CodeValue::Number(number, _) = value {
        let _ = write!(out, "number: {number},");
    }

    let name = code.class_name();
    let reason = code.keys.reason.as_ref().map_or_else(|| upper_snake(&name), |text| text.value.clone());
    let _ = write!(out, "class_name: {}, reason: {},", literal(&name), literal(&reason));
    status_and_message(cx, out, code);
    texts_and_links(out, code);
    facts(cx, out, code);
}

/// `status` (the code's, else the type's, else the catalog's default) and
/// `message` (the template, else the status's reason phrase).
fn status_and_message(cx: &Context<'_>, out: &mut Out, code: &Code<'_>) {
    let defaults = &cx.input.keys;
    let own = (code.keys.status.as_ref(), code.keys.no_status);
    let (status, no_status) =
        if own.0.is_some() || own.1.is_some() { own } else { (defaults.status.as_ref(), defaults.no_status) };
    let status = if let Some(span) = no_status {
        quote_spanned!(span=> __p::no_status(__I))
    } else {
        status.map_or_else(
            || quote!(__p::default_status(__I)),
            |status| {
                let span = status.span;
                let value = spanned_literal(Literal::u16_unsuffixed(u16::try_from(status.value).unwrap_or(0)), span);
                quote_spanned!(span=> __p::status(__I, #value))
            },
        )
    };
    out.text("status:");
    out.tokens(&status);
    out.text(", message:");
    if let Some(message) = &code.keys.message {
        let _ = write!(out, "__p::MessageTemplate {{ __template: {}, __pieces: &[", literal(&message.text.value));
        for piece in &message.pieces {
            let _ = match piece {
                Piece::Text(text) => write!(out, "__p::Piece::Text({}),", literal(text)),
                Piece::Field(field) => write!(out, "__p::Piece::Field({}),", literal(field)),
            };
        }
        out.text("] }");
    } else {
        let span = code.attr_span().path;
        out.tokens(quote_spanned!(span=> __p::default_template(__I, #status)));
    }
    out.text(",");
}

/// The description, the explanation, the aliases, details, suggestions and
/// links.
fn texts_and_links(out: &mut Out, code: &Code<'_>) {
    let (first_paragraph, explanation) = crate::attr::docs(code.attrs);
    let description = code.keys.description.as_ref().map_or(first_paragraph, |text| text.value.clone());
    if !description.is_empty() {
        let _ = write!(out, "description: {},", literal(&description));
    }
    if !explanation.is_empty() {
        let _ = write!(out, "explanation: {},", literal(&explanation));
    }
    let details: Vec<String> = code.fields.iter().filter_map(Field::detail_name).collect();
    let texts = |texts: &[crate::attr::Text]| texts.iter().map(|text| text.value.clone()).collect::<Vec<_>>();
    for (key, values) in
        [("aliases", texts(&code.keys.aliases)), ("details", details), ("suggestions", texts(&code.keys.suggestions))]
    {
        if !values.is_empty() {
            let _ = write!(out, "{key}: &[");
            for value in &values {
                let _ = write!(out, "{},", literal(value));
            }
            out.text("],");
        }
    }
    if !code.keys.links.is_empty() {
        out.text("links: &[");
        for (url, label) in &code.keys.links {
            let _ = write!(out, "__p::Link {{ __url: {}, __label: {} }},", literal(&url.value), literal(&label.value));
        }
        out.text("],");
    }
}

/// Severity, retry facts and the gRPC code: the code's, else the type's.
fn facts(cx: &Context<'_>, out: &mut Out, code: &Code<'_>) {
    let defaults = &cx.input.keys;
    if let Some(severity) = code.keys.severity.as_ref().or(defaults.severity.as_ref()) {
        let _ = write!(out, "severity: __p::Some(__p::Severity::{}),", pascal(&severity.value));
    }
    // A delay, fixed or in a field, says the code is retryable.
    let field_delay = code.fields.iter().any(|field| field.keys.retry_after.is_some());
    let fixed = code.keys.retry_after.as_ref().or(defaults.retry_after.as_ref()).filter(|_| !field_delay);
    if let Some(RetryAfter::Seconds(seconds, _)) = fixed {
        let _ = write!(out, "retry_after: __p::Some({seconds}),");
    }
    let retryable = code.keys.retryable.as_ref().or(defaults.retryable.as_ref()).map(|flag| flag.value);
    if let Some(retryable) = retryable.or((field_delay || fixed.is_some()).then_some(true)) {
        let _ = write!(out, "retryable: __p::Some({retryable}),");
    }
    if let Some(grpc) = code.keys.grpc.as_ref().or(defaults.grpc.as_ref()) {
        let _ = write!(out, "grpc: __p::Some(__p::GrpcCode::{}),", pascal(&grpc.value));
    }
}

/// `CatalogError`: the entries, and the message and details of a value.
fn catalog_error_impl(cx: &Context<'_>, out: &mut Out) {
    let input = cx.input;
    let mut bounds = Bounds::default();
    for field in input.codes.iter().flat_map(|code| &code.fields) {
        let ty = &field.original.ty;
        if field.keys.detail.is_some() && cx.params.in_type(ty) {
            bounds.push(quote::quote_spanned!(ty.span()=> #ty: __p::serde::Serialize));
        }
    }
    for field in input.codes.iter().flat_map(|code| &code.fields) {
        let ty = &field.original.ty;
        if field.keys.retry_after.is_some() && cx.params.in_type(ty) {
            bounds.push(quote::quote_spanned!(ty.span()=> #ty: __p::RetryDelay));
        }
    }
    if !cx.params.is_empty() {
        bounds.push(quote!(Self: __p::Error));
    }
    cx.header(out, "__p::CatalogError", &bounds);

    let mut body = Out::new();
    body.text("type Catalog = __C; fn entry(&self) -> &'static __p::Entry");
    let mut entry = Out::new();
    matched(cx, &mut entry, |arm, _, index| {
        let _ = write!(arm, "&__E{index}");
        None
    });
    body.group(Delimiter::Brace, entry);
    let count = input.codes.len();
    let _ =
        write!(body, "fn entries() -> &'static [&'static __p::Entry] {{ static ENTRIES: [&__p::Entry; {count}] = [");
    for index in 0..count {
        let _ = write!(body, "&__E{index},");
    }
    body.text("]; &ENTRIES }");

    // With `display = false` the type's own `Display` is the internal
    // message; the public one is written here.
    if input.keys.display.is_some_and(|flag| !flag.value) {
        body.text("fn write_message(&self, f: &mut __p::Formatter<'_>) -> __p::FmtResult");
        let mut message = Out::new();
        message_body(cx, &mut message, &mut Bounds::default());
        body.group(Delimiter::Brace, message);
    }
    if input.codes.iter().any(|code| code.fields.iter().any(|field| field.keys.detail.is_some())) {
        body.text("fn visit_details<'__a>(&'__a self, visit: &mut dyn __p::FnMut(__p::Detail<'__a>))");
        let mut visits = Out::new();
        visits.text("#[allow(unused_imports)] use __p::{ProbeAny as _, ProbeStr as _};");
        matched(cx, &mut visits, |arm, code, _| {
            let used: Vec<usize> = (0..code.fields.len()).filter(|i| code.fields[*i].keys.detail.is_some()).collect();
            for index in &used {
                let field = &code.fields[*index];
                let name = field.detail_name().unwrap_or_default();
                // A detail that is not `Serialize` is reported at its type.
                let span = field.original.ty.span();
                let (name, binding) =
                    (spanned_literal(Literal::string(&name), span), Ident::new(&format!("__{index}"), span));
                arm.tokens(quote_spanned!(span=> visit(__p::detail(#name, (&&__p::DetailProbe(#binding)).probe()));));
            }
            Some(pattern(code, used))
        });
        body.group(Delimiter::Brace, visits);
    }
    if input.codes.iter().any(|code| code.fields.iter().any(|field| field.keys.retry_after.is_some())) {
        body.text("fn retry_after(&self) -> __p::Option<__p::Duration>");
        let mut delay = Out::new();
        matched(cx, &mut delay, |arm, code, index| {
            let Some(at) = code.fields.iter().position(|field| field.keys.retry_after.is_some()) else {
                let _ = write!(arm, "__E{index}.retry_after()");
                return None;
            };
            // A field that is not a delay is reported at its type.
            let span = code.fields[at].original.ty.span();
            let binding = Ident::new(&format!("__{at}"), span);
            arm.tokens(quote_spanned!(span=> __p::RetryDelay::retry_delay(#binding)));
            Some(pattern(code, [at]))
        });
        body.group(Delimiter::Brace, delay);
    }
    out.group(Delimiter::Brace, body);
}

/// The body that writes the public message: one `write_str` for a static
/// message, one `write_fmt(format_args!(..))` for a template (writing piece
/// by piece with `?` compiles to far more MIR per type: BENCHMARKS.md).
fn message_body(cx: &Context<'_>, out: &mut Out, bounds: &mut Bounds) {
    matched(cx, out, |arm, code, index| {
        let Some(message) = &code.keys.message else {
            let _ = write!(arm, "f.write_str(__E{index}.0.message.__template)");
            return None;
        };
        let mut format = String::new();
        let mut args: Vec<(usize, Span)> = Vec::new();
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
                    args.push((index, ty.span()));
                }
            }
        }
        if args.is_empty() {
            let _ = write!(arm, "f.write_str({})", literal(&format));
            return Some(pattern(code, []));
        }
        let mut call = Out::new();
        call.text("__p::format_args!");
        let mut format_args = Out::new();
        format_args.text(&literal(&format));
        for (index, span) in &args {
            format_args.text(",");
            // A field that is not `Display` is reported at its type.
            let binding = Ident::new(&format!("__{index}"), *span);
            format_args.tokens(quote_spanned!(*span=> __p::message_field(#binding)));
        }
        call.group(Delimiter::Parenthesis, format_args);
        arm.text("f.write_fmt");
        arm.group(Delimiter::Parenthesis, call);
        let mut used: Vec<usize> = args.iter().map(|(index, _)| *index).collect();
        used.sort_unstable();
        used.dedup();
        Some(pattern(code, used))
    });
}

/// `Display` from the public message, and `Error` with the source field.
fn std_impls(cx: &Context<'_>, out: &mut Out) {
    let input = cx.input;
    let mut display_bounds = Bounds::default();
    let mut message = Out::new();
    message_body(cx, &mut message, &mut display_bounds);
    cx.header(out, "__p::Display", &display_bounds);
    let mut display = Out::new();
    display.text("fn fmt(&self, f: &mut __p::Formatter<'_>) -> __p::FmtResult");
    display.group(Delimiter::Brace, message);
    out.group(Delimiter::Brace, display);

    let mut error_bounds = Bounds::default();
    if !cx.params.is_empty() {
        error_bounds.push(quote!(Self: ::core::fmt::Debug + __p::Display));
    }
    cx.header(out, "__p::Error", &error_bounds);
    let mut error = Out::new();
    if input.codes.iter().any(|code| code.source().is_some()) {
        error.text("fn source(&self) -> ::core::option::Option<&(dyn __p::Error + 'static)>");
        let mut source = Out::new();
        matched(cx, &mut source, |arm, code, _| {
            let Some(index) = code.source() else {
                arm.text("__p::None");
                return None;
            };
            let _ = write!(arm, "__p::Some({{ use __p::AsDynError as _; __{index}.as_dyn_error() }})");
            Some(pattern(code, [index]))
        });
        error.group(Delimiter::Brace, source);
    }
    out.group(Delimiter::Brace, error);
}

/// A literal at `span`: an error about it points there.
/// The entry's `module` and the tokens of its `code`, with the checks of the
/// code against the catalog (and the module it states) at the code's value.
fn code_and_module(out: &mut Out, value: &CodeValue, module: Option<ModuleKey<'_>>) {
    let span = value.span();
    // The module, checked to be declared, for the entry; the same module,
    // unchecked (one error is enough), for the checks of the code.
    let (checked, group, number) = match module {
        Some(ModuleKey::Number(module)) => {
            let value = u16::try_from(module.value).unwrap_or(u16::MAX);
            let (span, number) = (module.span, spanned_literal(Literal::u16_unsuffixed(value), module.span));
            (quote_spanned!(span=> __p::Some(__p::module::<__C, #number>())), quote!(__p::Some(#number)), Some(number))
        }
        Some(ModuleKey::Id(id)) => {
            let (span, text) = (id.span, spanned_literal(Literal::string(&id.value), id.span));
            let group = quote_spanned!(span=> __p::Some(__p::group(__I, #text)));
            (group.clone(), group, None)
        }
        None => (quote!(__p::None), quote!(__p::None), None),
    };
    let code_text = match (value, &number) {
        (CodeValue::Number(number, _), Some(module)) => {
            let number = signed(*number, span);
            quote_spanned!(span=> __p::numbered_code(__I, #module, #number))
        }
        (CodeValue::Number(number, _), None) => {
            let number = signed(*number, span);
            quote_spanned!(span=> __p::flat_code(__I, #number, #group))
        }
        (CodeValue::Text(text, _), _) => {
            let text = spanned_literal(Literal::string(text), span);
            quote_spanned!(span=> __p::text_code(__I, #text, #group))
        }
    };
    out.text("module:");
    if let (CodeValue::Number(number, _), None) = (value, &number) {
        // A flat code is listed under the range that holds it.
        let number = signed(*number, span);
        out.tokens(quote_spanned!(span=> __p::flat_group(__I, #number, #group),));
    } else {
        out.tokens(checked);
        out.text(",");
    }
    out.text("code:");
    out.tokens(code_text);
    out.text(",");
}

/// A code number as tokens: a negative one is `-` and its magnitude, which
/// every position (an expression, a const generic argument) reads.
fn signed(number: i64, span: Span) -> TokenStream {
    let magnitude = spanned_literal(Literal::u64_unsuffixed(number.unsigned_abs()), span);
    if number < 0 { quote_spanned!(span=> -#magnitude) } else { magnitude.into_token_stream() }
}

/// Where the tokens of a code's uniqueness impl point: the attribute's `]`.
fn span_of(code: &Code<'_>) -> Span {
    code.attr_span().close
}

fn spanned_literal(mut literal: Literal, span: Span) -> Literal {
    literal.set_span(span);
    literal
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
