//! The `kube` crate's client, pointed at `examples/wire_formats.rs
//! kubernetes` over loopback, reads each error as its own
//! `kube::Error::Api` with the reason, code and message of the `Status`.

#[cfg(test)]
#[allow(dead_code, unreachable_pub)]
#[path = "../../../examples/wire_formats.rs"]
mod wire_formats;

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::Pod;
    use kube::{Api, Client, Config};

    async fn client() -> Client {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let app = super::wire_formats::app("kubernetes").unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Client::try_from(Config::new(base.parse().unwrap())).unwrap()
    }

    #[tokio::test]
    async fn the_pod_is_there() {
        let pod = Api::<Pod>::namespaced(client().await, "default").get("web-0").await.unwrap();
        assert_eq!(pod.metadata.name.as_deref(), Some("web-0"));
    }

    #[tokio::test]
    async fn an_unknown_pod_is_not_found() {
        let result = Api::<Pod>::namespaced(client().await, "default").get("web-9").await;
        let Err(kube::Error::Api(status)) = result else { panic!("not an API error: {result:?}") };
        assert_eq!((status.reason.as_str(), status.code), ("NotFound", 404));
        assert_eq!(status.message, "pods \"web-9\" not found");
    }

    #[tokio::test]
    async fn another_namespace_is_forbidden() {
        let result = Api::<Pod>::namespaced(client().await, "kube-system").get("coredns").await;
        let Err(kube::Error::Api(status)) = result else { panic!("not an API error: {result:?}") };
        assert_eq!((status.reason.as_str(), status.code), ("Forbidden", 403));
        assert!(status.message.starts_with("pods \"coredns\" is forbidden"), "{}", status.message);
    }
}
