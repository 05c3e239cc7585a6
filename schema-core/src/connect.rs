//! Opening a database connection from a URL, with TLS as libpq's `sslmode` asks for it.
//!
//! [`connect`] takes a `postgres://` (or `postgresql://`) URL, such as `DATABASE_URL`, and
//! returns a blocking [`postgres::Client`]. Managed PostgreSQL services require TLS, and their
//! URLs say so the way libpq reads them, so this module reads them the same way:
//!
//! | `sslmode`       | TLS                              | certificate checked                            |
//! |-----------------|----------------------------------|------------------------------------------------|
//! | `disable`       | never                            | -                                              |
//! | `allow`         | tried first, plain if refused    | only with `sslrootcert` (chain, not the name)  |
//! | `prefer` (default) | tried first, plain if refused | only with `sslrootcert` (chain, not the name)  |
//! | `require`       | always                           | only with `sslrootcert` (chain, not the name)  |
//! | `verify-ca`     | always                           | chain against `sslrootcert`, else the system's roots |
//! | `verify-full`   | always                           | chain, and the host name against the certificate |
//!
//! `sslrootcert=PATH` names a PEM file of trusted root certificates; `sslrootcert=system` means
//! the operating system's trust store, and as in libpq 16 it makes `verify-full` the default and
//! any weaker `sslmode` an error (a system root proves nothing without the host name).
//!
//! Where this differs from libpq:
//! * `allow` is `prefer` (tokio-postgres has no plain-first mode): TLS is tried first.
//! * With no `sslrootcert`, libpq reads `~/.postgresql/root.crt`; here `verify-ca` and
//!   `verify-full` use the system's roots instead, and `require` checks nothing, so a
//!   connection does not depend on a file in the home directory.
//! * Client certificates (`sslcert`, `sslkey`) are not supported: they are an error, not ignored.
//! * On a Unix socket no mode uses TLS, as in libpq.
//! * Only the URL form is read, not libpq's `host=... dbname=...` key-value form.
//!
//! The other parameters (`connect_timeout`, `application_name`, `options`, several hosts, ...)
//! are tokio-postgres's. Error messages are one line and show the URL with its password
//! replaced by `***`.

use postgres::config::SslMode as WireSslMode;
use postgres::{Client, Config, NoTls};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio_postgres_rustls::MakeRustlsConnect;
use url::Url;

/// Why [`connect`] failed. Every message is one line and never shows the password.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The URL could not be read.
    #[error("invalid database URL {url}: {reason}")]
    InvalidUrl {
        /// The URL, password redacted.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// `sslmode` has a value libpq does not know either.
    #[error(
        "invalid sslmode `{value}` in {url}: expected disable, allow, prefer, require, verify-ca \
         or verify-full"
    )]
    UnknownSslMode {
        /// The URL, password redacted.
        url: String,
        /// The value given.
        value: String,
    },
    /// `sslrootcert=system` with a mode that does not check the host name (libpq 16's rule).
    #[error(
        "sslmode={mode} may not be used with sslrootcert=system in {url}: use sslmode=verify-full \
         (or leave sslmode out), since a system root proves nothing without the host name"
    )]
    WeakModeWithSystemRoots {
        /// The URL, password redacted.
        url: String,
        /// The `sslmode` given.
        mode: SslMode,
    },
    /// A URL parameter this module does not implement.
    #[error("{parameter} in {url} is not supported: {why}")]
    Unsupported {
        /// The URL, password redacted.
        url: String,
        /// The parameter.
        parameter: String,
        /// Why, and what to do instead.
        why: &'static str,
    },
    /// The trusted roots could not be loaded.
    #[error("cannot load the root certificates ({roots}) for {url}: {reason}")]
    RootCertificates {
        /// The URL, password redacted.
        url: String,
        /// Where they were read from.
        roots: RootSource,
        /// What went wrong.
        reason: String,
    },
    /// The server's certificate was refused.
    #[error("cannot connect to {url}: {reason}")]
    Certificate {
        /// The URL, password redacted.
        url: String,
        /// Which check failed, and what it checked against.
        reason: String,
    },
    /// The connection failed otherwise (refused, authentication, no TLS on the server, ...).
    #[error("cannot connect to {url}: {reason}")]
    Connect {
        /// The URL, password redacted.
        url: String,
        /// The error with its causes, on one line.
        reason: String,
    },
}

/// libpq's `sslmode` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SslMode {
    /// No TLS.
    Disable,
    /// Plain first in libpq; TLS first here, like [`SslMode::Prefer`].
    Allow,
    /// TLS if the server offers it, else plain.
    Prefer,
    /// TLS; the certificate is checked only when `sslrootcert` is given.
    Require,
    /// TLS; the certificate chain must lead to a trusted root.
    VerifyCa,
    /// TLS; the chain must lead to a trusted root and the certificate name the host.
    VerifyFull,
}

impl SslMode {
    /// Reads a value as libpq spells it.
    pub fn parse(value: &str) -> Option<SslMode> {
        Some(match value {
            "disable" => SslMode::Disable,
            "allow" => SslMode::Allow,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            _ => return None,
        })
    }

    /// The value as libpq spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Allow => "allow",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

impl fmt::Display for SslMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where trusted root certificates come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RootSource {
    /// `sslrootcert=PATH`: a PEM file.
    File(PathBuf),
    /// `sslrootcert=system`, or `verify-ca`/`verify-full` without `sslrootcert`.
    System,
}

impl fmt::Display for RootSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RootSource::File(path) => write!(f, "sslrootcert={}", path.display()),
            RootSource::System => f.write_str("the system's trusted roots"),
        }
    }
}

/// How the server's certificate is checked.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Verification {
    /// Not at all: TLS protects against eavesdropping, not against an impostor.
    None,
    /// The chain must lead to one of these roots; the name is not checked.
    Chain(RootSource),
    /// The chain, and the certificate must name the host.
    Full(RootSource),
}

/// What [`connect`] makes of a URL: the URL for tokio-postgres and the TLS it needs.
#[derive(Debug)]
struct Plan {
    /// The URL without libpq-only parameters, with tokio-postgres's own `sslmode`.
    url: String,
    mode: SslMode,
    verification: Verification,
}

/// Opens a connection to the database at `url`, with TLS as the URL's `sslmode` asks
/// (default `prefer`); see the [module docs](self) for the modes.
///
/// ```no_run
/// let url = std::env::var("DATABASE_URL").unwrap();
/// let mut client = schema_core::connect::connect(&url)?;
/// client.batch_execute("SELECT 1")?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn connect(url: &str) -> Result<Client, ConnectError> {
    let shown = redact(url);
    let plan = plan(url, &shown)?;
    // tokio-postgres's parse errors can quote the text they failed on.
    let mut config: Config = plan.url.parse().map_err(|e| ConnectError::InvalidUrl {
        url: shown.clone(),
        reason: without_password(&describe(&e), url),
    })?;
    // libpq never uses TLS on a Unix socket (the server refuses it there), whatever sslmode says.
    let local = only_unix_sockets(&config);
    if local {
        config.ssl_mode(WireSslMode::Disable);
    }
    let result = if plan.mode == SslMode::Disable || local {
        config.connect(NoTls)
    } else {
        let tls = tls_config(&plan.verification).map_err(|(roots, reason)| {
            ConnectError::RootCertificates {
                url: shown.clone(),
                roots,
                reason,
            }
        })?;
        config.connect(MakeRustlsConnect::new(tls))
    };
    result.map_err(|e| connect_error(&e, &shown, &plan.verification))
}

#[cfg(unix)]
fn only_unix_sockets(config: &Config) -> bool {
    use postgres::config::Host;
    config
        .get_hosts()
        .iter()
        .all(|host| matches!(host, Host::Unix(_)))
}

#[cfg(not(unix))]
fn only_unix_sockets(_config: &Config) -> bool {
    false
}

/// Takes the libpq-only parameters out of `url` and decides the TLS.
fn plan(url: &str, shown: &str) -> Result<Plan, ConnectError> {
    let invalid = |reason: String| ConnectError::InvalidUrl {
        url: shown.to_owned(),
        reason,
    };
    let mut parsed = Url::parse(url).map_err(|e| invalid(e.to_string()))?;
    if !matches!(parsed.scheme(), "postgres" | "postgresql") {
        return Err(invalid(format!(
            "expected a postgres:// or postgresql:// URL, not {}://",
            parsed.scheme()
        )));
    }

    let mut mode = None;
    let mut root = None;
    let mut kept = Vec::new();
    // The raw pairs, not `query_pairs`: that would turn `+` into a space, which tokio-postgres
    // (like libpq) does not, so the parameters passed on are kept exactly as written.
    for pair in parsed
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decoded = |text: &str| {
            percent_encoding::percent_decode_str(text)
                .decode_utf8()
                .map(|v| v.into_owned())
                .map_err(|_| invalid(format!("parameter `{key}` is not UTF-8")))
        };
        match decoded(key)?.as_str() {
            "sslmode" => {
                let value = decoded(value)?;
                mode =
                    Some(
                        SslMode::parse(&value).ok_or_else(|| ConnectError::UnknownSslMode {
                            url: shown.to_owned(),
                            value,
                        })?,
                    );
            }
            "sslrootcert" => {
                let value = decoded(value)?;
                root = Some(if value == "system" {
                    RootSource::System
                } else {
                    RootSource::File(PathBuf::from(value))
                });
            }
            parameter @ ("sslcert" | "sslkey" | "sslpassword" | "sslcrl" | "sslcrldir") => {
                return Err(ConnectError::Unsupported {
                    url: shown.to_owned(),
                    parameter: parameter.to_owned(),
                    why: "client certificates and revocation lists are not implemented; \
                          use password authentication over sslmode=verify-full",
                });
            }
            _ => kept.push(pair),
        }
    }

    // libpq 16: sslrootcert=system defaults to verify-full and refuses anything weaker.
    let mode = match (mode, &root) {
        (None, Some(RootSource::System)) => SslMode::VerifyFull,
        (Some(mode), Some(RootSource::System)) if mode != SslMode::VerifyFull => {
            return Err(ConnectError::WeakModeWithSystemRoots {
                url: shown.to_owned(),
                mode,
            })
        }
        (mode, _) => mode.unwrap_or(SslMode::Prefer),
    };
    let verification = match mode {
        SslMode::Disable => Verification::None,
        SslMode::Allow | SslMode::Prefer | SslMode::Require => {
            root.map_or(Verification::None, Verification::Chain)
        }
        SslMode::VerifyCa => Verification::Chain(root.unwrap_or(RootSource::System)),
        SslMode::VerifyFull => Verification::Full(root.unwrap_or(RootSource::System)),
    };
    // tokio-postgres's own modes: it checks no certificate itself, the TLS connector does.
    let wire = match mode {
        SslMode::Disable => "disable",
        SslMode::Allow | SslMode::Prefer => "prefer",
        SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => "require",
    };
    let sslmode = format!("sslmode={wire}");
    kept.push(&sslmode);
    parsed.set_query(Some(&kept.join("&")));
    Ok(Plan {
        url: parsed.into(),
        mode,
        verification,
    })
}

/// The rustls configuration for `verification`; the error says where the roots came from.
fn tls_config(verification: &Verification) -> Result<ClientConfig, (RootSource, String)> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| (RootSource::System, e.to_string()))?;
    let verifier: Arc<dyn ServerCertVerifier> = match verification {
        Verification::None => Arc::new(Lenient {
            provider,
            webpki: None,
        }),
        Verification::Chain(source) | Verification::Full(source) => {
            let roots = roots(source).map_err(|reason| (source.clone(), reason))?;
            let webpki =
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                    .build()
                    .map_err(|e| (source.clone(), e.to_string()))?;
            if matches!(verification, Verification::Full(_)) {
                webpki
            } else {
                Arc::new(Lenient {
                    provider,
                    webpki: Some(webpki),
                })
            }
        }
    };
    Ok(builder
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth())
}

fn roots(source: &RootSource) -> Result<RootCertStore, String> {
    let mut store = RootCertStore::empty();
    match source {
        RootSource::File(path) => {
            let certs = read_pem_certificates(path)?;
            let (_, unusable) = store.add_parsable_certificates(certs);
            if store.is_empty() {
                return Err(format!(
                    "no usable certificate in the file ({unusable} could not be parsed)"
                ));
            }
        }
        RootSource::System => {
            let found = rustls_native_certs::load_native_certs();
            store.add_parsable_certificates(found.certs);
            if store.is_empty() {
                let why = found.errors.first().map_or_else(
                    || "none found (install ca-certificates, or give sslrootcert=PATH)".to_owned(),
                    |e| e.to_string(),
                );
                return Err(why);
            }
        }
    }
    Ok(store)
}

fn read_pem_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let certs = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("not a PEM certificate file: {e}"))?;
    if certs.is_empty() {
        return Err("no PEM certificate in the file".into());
    }
    Ok(certs)
}

/// The server-certificate check of every mode but `verify-full` (which is webpki's own).
///
/// Without `webpki` (`require` without `sslrootcert`) any certificate passes; with it, webpki's
/// checks minus the host name (`verify-ca`). webpki checks the chain (validity dates, key
/// usage, signatures up to a root) before the name, so a name error means the chain passed.
/// The handshake signatures are checked in both cases, so the session is bound to the key of
/// the certificate the server sent.
#[derive(Debug)]
struct Lenient {
    provider: Arc<CryptoProvider>,
    webpki: Option<Arc<WebPkiServerVerifier>>,
}

impl ServerCertVerifier for Lenient {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(webpki) = &self.webpki else {
            return Ok(ServerCertVerified::assertion());
        };
        match webpki.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algorithms = &self.provider.signature_verification_algorithms;
        verify_tls12_signature(message, cert, dss, algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algorithms = &self.provider.signature_verification_algorithms;
        verify_tls13_signature(message, cert, dss, algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// A failed connection as a [`ConnectError`]: a refused certificate says which check failed
/// and against what.
fn connect_error(
    error: &postgres::Error,
    shown: &str,
    verification: &Verification,
) -> ConnectError {
    let certificate = causes(error)
        .filter_map(|e| {
            e.downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
                .or_else(|| e.downcast_ref::<rustls::Error>())
        })
        .find_map(|e| match e {
            rustls::Error::InvalidCertificate(reason) => Some(reason),
            _ => None,
        });
    let Some(reason) = certificate else {
        return ConnectError::Connect {
            url: shown.to_owned(),
            reason: describe(error),
        };
    };
    let roots = match verification {
        Verification::Chain(source) | Verification::Full(source) => source.to_string(),
        Verification::None => "no roots".to_owned(),
    };
    let reason =
        match reason {
            CertificateError::NotValidForNameContext {
                expected,
                presented,
            } => format!(
            "the server's certificate is not valid for host {} (it names {}); sslmode=verify-full \
             checks the host name: connect by a name the certificate lists",
            server_name(expected),
            if presented.is_empty() {
                "no host".to_owned()
            } else {
                presented.iter().map(|name| bare_name(name)).collect::<Vec<_>>().join(", ")
            }
        ),
            CertificateError::NotValidForName => "the server's certificate is not valid for the \
             host name; sslmode=verify-full checks the host name: connect by a name the \
             certificate lists"
                .to_owned(),
            // A bad signature: a root of the issuer's name is there, with another key.
            CertificateError::UnknownIssuer | CertificateError::BadSignature => format!(
                "the server's certificate is not signed by a trusted root ({roots}); give the CA \
             that signed it with sslrootcert=PATH"
            ),
            other => format!("the server's certificate was refused ({roots}): {other}"),
        };
    ConnectError::Certificate {
        url: shown.to_owned(),
        reason: one_line(&reason),
    }
}

/// `localhost` of rustls's `DnsName("localhost")`.
fn bare_name(presented: &str) -> &str {
    presented
        .split_once('(')
        .and_then(|(_, inner)| inner.strip_suffix(')'))
        .map_or(presented, |inner| inner.trim_matches('"'))
}

fn server_name(name: &ServerName<'_>) -> String {
    match name {
        ServerName::DnsName(dns) => dns.as_ref().to_owned(),
        ServerName::IpAddress(ip) => std::net::IpAddr::from(*ip).to_string(),
        other => format!("{other:?}"),
    }
}

/// `error` and its causes, outermost first.
fn causes<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(error), |e| e.source())
}

/// An error with its causes on one line: `postgres::Error` alone says only "error connecting
/// to server".
fn describe(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = String::new();
    for cause in causes(error) {
        let part = cause.to_string();
        // io::Error shows its inner error's text and then returns the inner's cause: skip repeats.
        if !text.ends_with(&part) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&part);
        }
    }
    one_line(&text)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` with `url`'s password, as written or decoded, replaced by `***`.
fn without_password(text: &str, url: &str) -> String {
    let Some(written) = Url::parse(url)
        .ok()
        .and_then(|u| u.password().map(str::to_owned))
    else {
        return text.to_owned();
    };
    let decoded = percent_encoding::percent_decode_str(&written)
        .decode_utf8_lossy()
        .into_owned();
    [written, decoded]
        .iter()
        .filter(|p| !p.is_empty())
        .fold(text.to_owned(), |text, password| {
            text.replace(password.as_str(), "***")
        })
}

/// `url` with its password, if any, replaced by `***`, for messages.
pub fn redact(url: &str) -> String {
    match Url::parse(url) {
        Ok(mut parsed) => {
            if parsed.password().is_some() {
                // Only fails for URLs that cannot have a password, which this one has.
                let _ = parsed.set_password(Some("***"));
            }
            // A `password` parameter in the query is a password too.
            if parsed.query_pairs().any(|(key, _)| key == "password") {
                let pairs: Vec<(String, String)> = parsed
                    .query_pairs()
                    .map(|(k, v)| {
                        let v = if k == "password" {
                            "***".into()
                        } else {
                            v.into_owned()
                        };
                        (k.into_owned(), v)
                    })
                    .collect();
                parsed.query_pairs_mut().clear().extend_pairs(pairs);
            }
            parsed.into()
        }
        // Unparsable: cut everything between `://` and the last `@` of the authority.
        Err(_) => {
            let Some(start) = url.find("://").map(|i| i + 3) else {
                return "(an unreadable URL)".to_owned();
            };
            let rest = &url[start..];
            let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
            match authority.rfind('@') {
                Some(at) => format!("{}***{}", &url[..start], &rest[at..]),
                None => url.to_owned(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_of(url: &str) -> Result<Plan, ConnectError> {
        plan(url, &redact(url))
    }

    #[test]
    fn sslmode_defaults_to_prefer_and_checks_nothing() {
        let plan = plan_of("postgres://u@h/db").unwrap();
        assert_eq!(plan.mode, SslMode::Prefer);
        assert_eq!(plan.verification, Verification::None);
        assert_eq!(plan.url, "postgres://u@h/db?sslmode=prefer");
    }

    #[test]
    fn each_mode_maps_to_the_wire_mode_and_a_verification() {
        let root = RootSource::File("/r.pem".into());
        let cases = [
            ("disable", "disable", Verification::None),
            ("allow", "prefer", Verification::None),
            ("prefer", "prefer", Verification::None),
            ("require", "require", Verification::None),
            (
                "verify-ca",
                "require",
                Verification::Chain(RootSource::System),
            ),
            (
                "verify-full",
                "require",
                Verification::Full(RootSource::System),
            ),
        ];
        for (mode, wire, verification) in cases {
            let plan = plan_of(&format!("postgres://h/db?sslmode={mode}")).unwrap();
            assert_eq!(
                plan.url,
                format!("postgres://h/db?sslmode={wire}"),
                "{mode}"
            );
            assert_eq!(plan.verification, verification, "{mode}");
        }
        let with_root = |mode: &str| {
            plan_of(&format!(
                "postgres://h/db?sslmode={mode}&sslrootcert=/r.pem"
            ))
            .unwrap()
            .verification
        };
        assert_eq!(with_root("require"), Verification::Chain(root.clone()));
        assert_eq!(with_root("prefer"), Verification::Chain(root.clone()));
        assert_eq!(with_root("verify-ca"), Verification::Chain(root.clone()));
        assert_eq!(with_root("verify-full"), Verification::Full(root));
        assert_eq!(with_root("disable"), Verification::None);
    }

    #[test]
    fn other_parameters_pass_through_as_written() {
        let plan = plan_of(
            "postgresql://u:p@h:5433/db?application_name=a+b%20c&sslrootcert=%2Ftmp%2Fr.pem&connect_timeout=5",
        )
        .unwrap();
        assert_eq!(
            plan.url,
            "postgresql://u:p@h:5433/db?application_name=a+b%20c&connect_timeout=5&sslmode=prefer"
        );
        assert_eq!(
            plan.verification,
            Verification::Chain(RootSource::File("/tmp/r.pem".into()))
        );
    }

    #[test]
    fn system_roots_mean_verify_full_as_in_libpq_16() {
        let plan = plan_of("postgres://h/db?sslrootcert=system").unwrap();
        assert_eq!(plan.mode, SslMode::VerifyFull);
        assert_eq!(plan.verification, Verification::Full(RootSource::System));
        let error = plan_of("postgres://u:secret@h/db?sslrootcert=system&sslmode=require")
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "sslmode=require may not be used with sslrootcert=system in \
             postgres://u:***@h/db?sslrootcert=system&sslmode=require: use sslmode=verify-full \
             (or leave sslmode out), since a system root proves nothing without the host name"
        );
    }

    #[test]
    fn bad_values_are_one_line_errors_without_the_password() {
        let error = plan_of("postgres://u:secret@h/db?sslmode=verify_full")
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "invalid sslmode `verify_full` in postgres://u:***@h/db?sslmode=verify_full: expected \
             disable, allow, prefer, require, verify-ca or verify-full"
        );
        let error = plan_of("postgres://u:secret@h/db?sslcert=/c.pem")
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("sslcert in postgres://u:***@h/db"),
            "{error}"
        );
        let error = plan_of("mysql://u:secret@h/db").unwrap_err().to_string();
        assert!(!error.contains("secret"), "{error}");
        assert!(error.contains("expected a postgres://"), "{error}");
    }

    #[test]
    fn passwords_stay_out_of_messages() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(
            redact("postgres://u@h/db?password=secret&x=1"),
            "postgres://u@h/db?password=***&x=1"
        );
        assert_eq!(
            redact("postgres://u:secret@h:port/db"),
            "postgres://***@h:port/db"
        );
    }

    #[test]
    fn parse_errors_that_quote_the_url_lose_the_password() {
        assert_eq!(
            without_password(
                "unknown option `postgres://u:p%40ss@h`, p@ss",
                "postgres://u:p%40ss@h"
            ),
            "unknown option `postgres://u:***@h`, ***"
        );
        assert_eq!(
            without_password("no password", "postgres://u@h"),
            "no password"
        );
    }

    #[test]
    fn unreadable_root_files_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.pem");
        let error = roots(&RootSource::File(missing)).unwrap_err();
        assert!(error.contains("No such file"), "{error}");
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        let error = roots(&RootSource::File(empty)).unwrap_err();
        assert_eq!(error, "no PEM certificate in the file");
    }

    #[test]
    fn connection_failures_are_one_line_and_redacted() {
        // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
        let Err(error) =
            connect("postgres://u:secret@127.0.0.1:1/db?sslmode=disable&connect_timeout=5")
        else {
            panic!("connected to port 1");
        };
        let error = error.to_string();
        assert!(
            error.starts_with("cannot connect to postgres://u:***@127.0.0.1:1/db?"),
            "{error}"
        );
        assert!(
            !error.contains("secret") && !error.contains('\n'),
            "{error}"
        );
    }
}
