//! A translated answer whose detail cannot be written as text: the answer
//! is still a whole body, over real HTTP, in every language.

use error_catalog::fluent::{LanguageIdentifier, Translations};
use error_catalog::http::ErrorResponses;
use error_catalog::{CatalogError, ErrorCatalog};
use serde_json::{Value, json};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "Hosts")]
    Hosts,
}

/// A host name whose `Display` writes part of it and then fails, and whose
/// `Serialize` goes through `collect_str`, as many types' do.
#[derive(Debug)]
pub struct Host;

impl std::fmt::Display for Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("web")?;
        Err(std::fmt::Error)
    }
}

impl serde::Serialize for Host {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Raised when a host is down
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 1, status = 409, message = "Host {host} is down")]
pub struct HostDownError {
    #[catalog(detail)]
    pub host: Host,
}

fn language(tag: &str) -> LanguageIdentifier {
    tag.parse().expect("a language tag")
}

fn translations() -> Translations {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-translations");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("de")).unwrap();
    std::fs::write(dir.join("de").join("errors.ftl"), "ERR-01-001 = Host { $host } ist nicht erreichbar\n").unwrap();
    let loader = fluent_templates::ArcLoader::builder(&dir, language("en"))
        .customize(|bundle| bundle.set_use_isolating(false))
        .build()
        .expect("the test's translations load");
    Translations::new(loader, language("en"))
}

#[tokio::test]
async fn a_detail_whose_display_fails_still_answers_a_whole_body_in_every_language() {
    let app = axum::Router::new()
        .route("/hosts", axum::routing::get(|| async { Err::<(), _>(HostDownError { host: Host }) }))
        .layer(error_catalog::axum::ErrorLayer::new(ErrorResponses::new().with_translations(translations())));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });

    for accept_language in ["en", "de"] {
        let response = reqwest::Client::new()
            .get(format!("http://{address}/hosts"))
            .header("Accept-Language", accept_language)
            .send()
            .await
            .unwrap_or_else(|error| panic!("{accept_language}: no answer: {error:?}"));
        assert_eq!(response.status().as_u16(), 409, "{accept_language}");
        let body: Value = response.json().await.unwrap_or_else(|error| panic!("{accept_language}: {error:?}"));
        assert_eq!(body["error_code"], "ERR-01-001", "{accept_language}: {body}");
        assert!(body["message"].as_str().is_some_and(|message| !message.is_empty()), "{body}");
        // The detail that cannot be written stays out, with its marker.
        assert_eq!(body["details"][0]["field"], json!("host"), "{body}");
    }
}
