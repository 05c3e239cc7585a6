//! `schema_core::connect` against the real server: each `sslmode` ends in a TLS session (or
//! not) as libpq's would, and a certificate that fails a check is a clear one-line error.
//!
//! The server must have TLS on with a self-signed certificate for `localhost`, which then
//! serves as its own root (`sslrootcert`): Debian's cluster has its snakeoil certificate, and
//! the throwaway cluster of `schema_tests::pg` makes one. The tests find the file by asking the
//! server (`ssl_cert_file`). A server with TLS off fails them under CI (`CI=true`); elsewhere
//! they say why they did not run.

use schema_core::connect::connect;
use schema_tests::pg::TestDb;
use std::path::PathBuf;
use url::Url;

/// A test database on a server with TLS, and the server's certificate.
struct TlsServer {
    db: TestDb,
    root: PathBuf,
}

impl TlsServer {
    /// `None` (after saying why) when the server cannot run these tests outside CI.
    fn new() -> Option<TlsServer> {
        let db = TestDb::new();
        let mut client = db.client();
        let setting = |client: &mut postgres::Client, name: &str| -> String {
            client
                .query_one(&format!("SHOW {name}"), &[])
                .unwrap_or_else(|e| panic!("SHOW {name}: {e}"))
                .get(0)
        };
        if setting(&mut client, "ssl") != "on" {
            return unavailable("the test server has ssl off");
        }
        let file = PathBuf::from(setting(&mut client, "ssl_cert_file"));
        let root = if file.is_absolute() {
            file
        } else {
            PathBuf::from(setting(&mut client, "data_directory")).join(file)
        };
        if let Err(e) = std::fs::read(&root) {
            return unavailable(&format!(
                "the server's certificate {} cannot be read here ({e})",
                root.display()
            ));
        }
        Some(TlsServer { db, root })
    }

    /// The test database's URL with `host` and the query `params` instead of its own.
    fn url(&self, host: &str, params: &str) -> String {
        let mut url = Url::parse(self.db.url()).expect("the test database's URL");
        url.set_host(Some(host)).expect("a host");
        url.set_query((!params.is_empty()).then_some(params));
        url.into()
    }

    fn root(&self) -> String {
        self.root.display().to_string()
    }
}

fn unavailable(why: &str) -> Option<TlsServer> {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{why}: CI must run the TLS tests; turn ssl on (Debian's cluster has it with its \
             snakeoil certificate) or unset DATABASE_URL to use the throwaway cluster, which has it"
        );
    }
    eprintln!("connect_tls: not run: {why}");
    None
}

/// Whether the session on `url` is encrypted, as the server sees it.
fn uses_tls(url: &str) -> bool {
    let mut client = connect(url).unwrap_or_else(|e| panic!("{e}"));
    client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .expect("pg_stat_ssl")
        .get(0)
}

fn connect_error(url: &str) -> String {
    match connect(url) {
        Ok(_) => panic!("connected to {url}"),
        Err(e) => {
            let message = e.to_string();
            eprintln!("{message}");
            assert!(!message.contains('\n'), "more than one line: {message}");
            message
        }
    }
}

/// A root certificate that signed nothing the server has.
fn unrelated_root(dir: &tempfile::TempDir) -> String {
    let mut params = rcgen::CertificateParams::new(vec!["elsewhere.invalid".to_owned()]).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "an unrelated root");
    let key = rcgen::KeyPair::generate().unwrap();
    let path = dir.path().join("other-root.pem");
    std::fs::write(&path, params.self_signed(&key).unwrap().pem()).unwrap();
    path.display().to_string()
}

#[test]
fn require_encrypts_and_disable_does_not() {
    let Some(server) = TlsServer::new() else {
        return;
    };
    assert!(uses_tls(&server.url("127.0.0.1", "sslmode=require")));
    assert!(!uses_tls(&server.url("127.0.0.1", "sslmode=disable")));
}

#[test]
fn prefer_is_the_default_and_encrypts_when_the_server_can() {
    let Some(server) = TlsServer::new() else {
        return;
    };
    assert!(uses_tls(&server.url("127.0.0.1", "")));
    assert!(uses_tls(&server.url("127.0.0.1", "sslmode=prefer")));
    assert!(uses_tls(&server.url("127.0.0.1", "sslmode=allow")));
}

#[test]
fn verify_full_connects_by_the_name_in_the_certificate() {
    let Some(server) = TlsServer::new() else {
        return;
    };
    let params = format!("sslmode=verify-full&sslrootcert={}", server.root());
    assert!(uses_tls(&server.url("localhost", &params)));
}

#[test]
fn verify_full_refuses_a_host_the_certificate_does_not_name() {
    let Some(server) = TlsServer::new() else {
        return;
    };
    let params = format!("sslmode=verify-full&sslrootcert={}", server.root());
    let url = server.url("127.0.0.1", &params);
    let message = connect_error(&url);
    assert!(
        message.starts_with(&format!("cannot connect to {url}: ")),
        "{message}"
    );
    assert!(
        message.contains(
            "the server's certificate is not valid for host 127.0.0.1 (it names localhost)"
        ) && message.contains("sslmode=verify-full checks the host name"),
        "{message}"
    );
}

#[test]
fn verify_ca_checks_the_chain_but_not_the_name() {
    let Some(server) = TlsServer::new() else {
        return;
    };
    let params = format!("sslmode=verify-ca&sslrootcert={}", server.root());
    assert!(uses_tls(&server.url("127.0.0.1", &params)));
}

#[test]
fn verify_ca_refuses_a_certificate_no_given_root_signed() {
    let Some(server) = TlsServer::new() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let other = unrelated_root(&dir);
    for mode in ["verify-ca", "verify-full", "require"] {
        // `require` with a root checks the chain, as in libpq.
        let url = server.url("localhost", &format!("sslmode={mode}&sslrootcert={other}"));
        let message = connect_error(&url);
        assert!(
            message.contains(&format!(
                "the server's certificate is not signed by a trusted root (sslrootcert={other})"
            )),
            "{mode}: {message}"
        );
    }
}

#[test]
fn a_missing_root_file_is_reported_before_connecting() {
    let Some(server) = TlsServer::new() else {
        return;
    };
    let url = server.url(
        "localhost",
        "sslmode=verify-full&sslrootcert=/nonexistent/root.pem",
    );
    let message = connect_error(&url);
    assert!(
        message.starts_with(
            "cannot load the root certificates (sslrootcert=/nonexistent/root.pem) for "
        ) && message.contains("No such file"),
        "{message}"
    );
}

#[test]
fn an_unknown_sslmode_is_an_error() {
    let Some(server) = TlsServer::new() else {
        return;
    };
    let url = server.url("127.0.0.1", "sslmode=verify");
    assert_eq!(
        connect_error(&url),
        format!(
            "invalid sslmode `verify` in {url}: expected disable, allow, prefer, require, \
             verify-ca or verify-full"
        )
    );
}

#[test]
fn a_unix_socket_never_uses_tls_as_in_libpq() {
    let Some(server) = TlsServer::new() else {
        return;
    };
    let mut client = server.db.client();
    let dirs: String = client
        .query_one("SHOW unix_socket_directories", &[])
        .unwrap()
        .get(0);
    let dir = dirs.split(',').next().unwrap().trim();
    // A percent-encoded path as the host is a socket directory, for libpq and tokio-postgres.
    let host = dir.replace('/', "%2F");
    for mode in ["require", "verify-full"] {
        let url = server.url(&host, &format!("sslmode={mode}"));
        assert!(!uses_tls(&url), "{mode}");
    }
}
