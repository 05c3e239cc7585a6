//! A fresh PostgreSQL database per test.
//!
//! [`TestDb::new`] creates a database with a unique name and [`Drop`] drops it again, so tests
//! run in parallel without seeing each other's tables.
//!
//! Where the databases live:
//!
//! * `DATABASE_URL` set (e.g. `postgres://postgres@127.0.0.1:5432/postgres`): on that server.
//!   The URL's own database is only the maintenance database the harness connects to in order
//!   to run `CREATE DATABASE` / `DROP DATABASE`; the role needs `CREATEDB`.
//! * `DATABASE_URL` unset: on a throwaway cluster that the test process starts on first use
//!   (one per process), from the `initdb` and `postgres` binaries on `PATH` or under
//!   `/usr/lib/postgresql/*/bin`. It lives in a temporary directory, listens on `127.0.0.1`
//!   on a free port and on a Unix socket in that directory, trusts every local connection and
//!   runs with `fsync` off and TLS on, with a self-signed certificate for `localhost` made for
//!   it (`server.crt` in its data directory). When the process runs as root the cluster runs as the `postgres`
//!   system user, since PostgreSQL refuses to run as root.
//!
//! The throwaway cluster dies with the test process: `postgres` is the child of a thread that
//! never ends while it runs, with `PR_SET_PDEATHSIG` set to `SIGQUIT` (PostgreSQL's immediate
//! shutdown), so even a `SIGKILL`ed test process takes its server along. A normal exit also
//! removes the directory; directories left behind by a process that was killed are removed by
//! the next test process that starts a cluster.
//!
//! Neither a URL nor binaries is an error with instructions, never a silently skipped test.

use postgres::{Client, NoTls};
use std::ffi::CString;
use std::fs::{self, File};
use std::io;
use std::net::TcpListener;
use std::os::unix::fs::{chown, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const INSTALL_HELP: &str = "install PostgreSQL (e.g. `apt-get install postgresql`, which puts \
     `initdb` and `postgres` under /usr/lib/postgresql/<version>/bin) so the tests can start a \
     throwaway cluster, or point them at a running server with \
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres";

/// Prefix of the temporary directories of throwaway clusters: `<prefix><pid>-<nanos>`.
const CLUSTER_DIR_PREFIX: &str = "schema-tests-pg-";

/// How long a throwaway cluster may take to accept connections.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);

/// A database of its own for one test, dropped (`WITH (FORCE)`) when this value is dropped.
#[derive(Debug)]
pub struct TestDb {
    name: String,
    url: String,
    admin_url: String,
}

impl TestDb {
    /// Creates a fresh, empty database with a unique name
    /// (`st_<machine>_<pid>_<counter>_<nanos>`): the machine tag and the pid let a later run
    /// drop the databases of a run that was killed before its `Drop` ran.
    ///
    /// # Panics
    ///
    /// When no server is available (with instructions to install PostgreSQL or set
    /// `DATABASE_URL`) or the database cannot be created.
    pub fn new() -> TestDb {
        let server = match server() {
            Ok(server) => server,
            Err(message) => panic!("no PostgreSQL server for the tests: {message}"),
        };
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let name = format!(
            "st_{}_{}_{}_{nanos}",
            machine_tag(),
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = connect(&server.admin_url).unwrap_or_else(|e| {
            panic!(
                "cannot connect to the maintenance database {}: {}",
                redacted(&server.admin_url),
                describe(&e)
            )
        });
        admin
            .batch_execute(&format!("CREATE DATABASE {}", quote_ident(&name)))
            .unwrap_or_else(|e| panic!("cannot create test database `{name}`: {}", describe(&e)));
        TestDb {
            url: with_dbname(&server.admin_url, &name),
            admin_url: server.admin_url.clone(),
            name,
        }
    }

    /// A new connection to this test's database.
    ///
    /// # Panics
    ///
    /// When the connection fails.
    pub fn client(&self) -> Client {
        connect(&self.url).unwrap_or_else(|e| {
            panic!(
                "cannot connect to test database {}: {}",
                redacted(&self.url),
                describe(&e)
            )
        })
    }

    /// The connection URL of this test's database.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Default for TestDb {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        // No panic here: a panic while a failing test unwinds would abort the whole process.
        let sql = format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            quote_ident(&self.name)
        );
        let result = connect(&self.admin_url).and_then(|mut admin| admin.batch_execute(&sql));
        if let Err(e) = result {
            eprintln!(
                "warning: could not drop test database `{}`: {}",
                self.name,
                describe(&e)
            );
        }
    }
}

fn connect(url: &str) -> Result<Client, postgres::Error> {
    Client::connect(url, NoTls)
}

/// `url` with its password, if any, replaced by `***`, for messages.
fn redacted(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let rest = &url[scheme_end + 3..];
    let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
    match authority
        .rfind('@')
        .and_then(|at| Some((authority[..at].find(':')?, at)))
    {
        Some((colon, at)) => {
            let start = scheme_end + 3;
            format!("{}***{}", &url[..start + colon + 1], &url[start + at..])
        }
        None => url.to_owned(),
    }
}

/// An error with its causes: `postgres::Error` alone prints "error connecting to server".
fn describe(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `url` with its database replaced by `dbname`; URLs (`postgres://...`) and key-value strings
/// (`host=... user=...`) both work.
fn with_dbname(url: &str, dbname: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        // Key-value form: a later key overrides an earlier one.
        return format!("{url} dbname={dbname}");
    };
    let rest_start = scheme_end + 3;
    let rest = &url[rest_start..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let after_authority = &rest[authority_end..];
    let query = after_authority
        .find('?')
        .map_or("", |i| &after_authority[i..]);
    format!(
        "{}{}/{dbname}{query}",
        &url[..rest_start],
        &rest[..authority_end]
    )
}

// ---------------------------------------------------------------------------------------------
// The server

/// Where test databases are created.
struct Server {
    /// A superuser (or `CREATEDB`) connection URL to the maintenance database.
    admin_url: String,
}

/// The server for this process, found or started once; a failure is kept and reported to every
/// test rather than retried by each.
fn server() -> Result<&'static Server, &'static str> {
    static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
    SERVER
        .get_or_init(|| match std::env::var("DATABASE_URL") {
            Ok(url) if !url.trim().is_empty() => external_server(url),
            _ => Cluster::start().map(|cluster| Server {
                admin_url: cluster.admin_url(),
            }),
        })
        .as_ref()
        .map_err(String::as_str)
}

fn external_server(url: String) -> Result<Server, String> {
    match connect(&url) {
        Ok(mut admin) => {
            drop_stale_databases(&mut admin);
            Ok(Server { admin_url: url })
        }
        Err(e) => Err(format!(
            "cannot connect to DATABASE_URL={}: {}; start that server, fix the URL, or unset \
             DATABASE_URL to let the tests start a throwaway cluster",
            redacted(&url),
            describe(&e)
        )),
    }
}

/// A short tag of this machine (its machine id, else its host name), so that a run never takes
/// the databases of a run on another machine sharing the server for dead.
fn machine_tag() -> &'static str {
    static TAG: OnceLock<String> = OnceLock::new();
    TAG.get_or_init(|| {
        let id = [
            "/etc/machine-id",
            "/var/lib/dbus/machine-id",
            "/etc/hostname",
        ]
        .iter()
        .find_map(|path| fs::read_to_string(path).ok())
        .unwrap_or_default();
        // FNV-1a: stable across processes and toolchains, unlike std's hasher.
        let hash = id.trim().bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        format!("{:08x}", hash as u32)
    })
}

/// Drops the test databases of this machine whose process no longer runs: a run killed with
/// `SIGKILL` (or a crash) never reaches `TestDb`'s `Drop`. Errors are ignored: another process
/// may be cleaning up at the same time.
fn drop_stale_databases(admin: &mut Client) {
    let Ok(rows) = admin.query(
        "SELECT datname FROM pg_database WHERE datname LIKE 'st\\_%'",
        &[],
    ) else {
        return;
    };
    for row in rows {
        let name: String = row.get(0);
        if stale_owner(&name, machine_tag()).is_some_and(|pid| !process_is_alive(pid)) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                quote_ident(&name)
            ));
        }
    }
}

/// The pid that created test database `name` on the machine tagged `machine`, if it did.
fn stale_owner(name: &str, machine: &str) -> Option<libc::pid_t> {
    let mut parts = name.strip_prefix("st_")?.split('_');
    if parts.next()? != machine {
        return None;
    }
    let pid = parts.next()?.parse().ok()?;
    let numeric = parts
        .by_ref()
        .take(2)
        .filter(|p| p.parse::<u128>().is_ok())
        .count();
    (numeric == 2 && parts.next().is_none()).then_some(pid)
}

// ---------------------------------------------------------------------------------------------
// The throwaway cluster

/// The running throwaway cluster of this process.
struct Cluster {
    dir: PathBuf,
    port: u16,
    pid: u32,
    /// Receives the postmaster's exit status from the thread that waits on it.
    exited: Mutex<Receiver<io::Result<ExitStatus>>>,
}

static CLUSTER: OnceLock<Cluster> = OnceLock::new();

impl Cluster {
    fn admin_url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn start() -> Result<&'static Cluster, String> {
        let bin = find_binaries()?;
        remove_stale_cluster_dirs();
        let user = run_as_user()?;
        let dir = create_cluster_dir(user)?;
        let cluster = Self::init_and_run(&bin, &dir, user).inspect_err(|_| {
            // Keep a failed cluster's directory only long enough to report its log.
            let _ = fs::remove_dir_all(&dir);
        })?;
        let cluster = CLUSTER.get_or_init(|| cluster);
        // SAFETY: registering a plain `extern "C" fn` has no preconditions.
        unsafe {
            libc::atexit(stop_cluster_at_exit);
        }
        Ok(cluster)
    }

    fn init_and_run(bin: &Path, dir: &Path, user: Option<User>) -> Result<Cluster, String> {
        let data = dir.join("data");
        let initdb_log = dir.join("initdb.log");
        let log =
            File::create(&initdb_log).map_err(|e| format!("cannot create {initdb_log:?}: {e}"))?;
        let mut initdb = Command::new(bin.join("initdb"));
        initdb
            .arg("--pgdata")
            .arg(&data)
            .args([
                "--username=postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ])
            .current_dir(dir)
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log);
        as_user(&mut initdb, user, false);
        let status = initdb
            .status()
            .map_err(|e| format!("cannot run {:?}: {e}", bin.join("initdb")))?;
        if !status.success() {
            return Err(format!(
                "initdb failed ({status}):\n{}",
                fs::read_to_string(&initdb_log).unwrap_or_default()
            ));
        }

        write_server_certificate(&data, user)?;

        // A free port can be taken by someone else before the server binds it: try a few.
        let mut last_error = String::new();
        for _ in 0..5 {
            let port = free_port()?;
            match Self::run(bin, dir, &data, port, user)? {
                Ok(cluster) => return Ok(cluster),
                Err(error) => last_error = error,
            }
        }
        Err(last_error)
    }

    /// Starts the postmaster on `port` and waits until it accepts connections. The outer error
    /// is fatal; the inner one (the port was taken) is worth another port.
    fn run(
        bin: &Path,
        dir: &Path,
        data: &Path,
        port: u16,
        user: Option<User>,
    ) -> Result<Result<Cluster, String>, String> {
        let log_path = dir.join("postgres.log");
        let log =
            File::create(&log_path).map_err(|e| format!("cannot create {log_path:?}: {e}"))?;
        let mut postgres = Command::new(bin.join("postgres"));
        postgres
            .arg("-D")
            .arg(data)
            .arg("-k")
            .arg(dir)
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            // TLS as on the team's servers, so `tests/migrate/connect_tls.rs` runs here too.
            .args(["-c", "ssl=on"])
            .args(["-c", "fsync=off"])
            .args(["-c", "synchronous_commit=off"])
            .args(["-c", "full_page_writes=off"])
            .current_dir(dir)
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log);
        as_user(&mut postgres, user, true);
        let (pid, exited) = spawn_on_dedicated_thread(postgres)?;
        let cluster = Cluster {
            dir: dir.to_owned(),
            port,
            pid,
            exited: Mutex::new(exited),
        };
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        loop {
            if let Some(status) = cluster.try_exit_status(Duration::from_millis(100)) {
                let log = fs::read_to_string(&log_path).unwrap_or_default();
                let error = format!("postgres exited during startup ({status}):\n{log}");
                return if log.contains("could not bind")
                    || log.contains("could not create any TCP/IP sockets")
                {
                    Ok(Err(error))
                } else {
                    Err(error)
                };
            }
            if connect(&cluster.admin_url()).is_ok() {
                return Ok(Ok(cluster));
            }
            if Instant::now() > deadline {
                cluster.stop();
                return Err(format!(
                    "postgres did not accept connections within {STARTUP_TIMEOUT:?}:\n{}",
                    fs::read_to_string(&log_path).unwrap_or_default()
                ));
            }
        }
    }

    /// The postmaster's exit status if it exits within `wait`.
    fn try_exit_status(&self, wait: Duration) -> Option<String> {
        let exited = self.exited.lock().unwrap_or_else(|e| e.into_inner());
        match exited.recv_timeout(wait) {
            Ok(Ok(status)) => Some(status.to_string()),
            Ok(Err(e)) => Some(format!("wait failed: {e}")),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some("already reaped".into()),
        }
    }

    /// Immediate shutdown, waiting (a few seconds at most) for the postmaster to exit.
    fn stop(&self) {
        if self.try_exit_status(Duration::ZERO).is_some() {
            return;
        }
        // SAFETY: `kill` has no memory-safety preconditions; the pid is our own child's, which
        // the waiting thread has not reported reaped.
        unsafe {
            libc::kill(self.pid as libc::pid_t, libc::SIGQUIT);
        }
        let _ = self.try_exit_status(Duration::from_secs(10));
    }
}

/// Stops the cluster and removes its directory when the test process exits normally.
extern "C" fn stop_cluster_at_exit() {
    if let Some(cluster) = CLUSTER.get() {
        cluster.stop();
        let _ = fs::remove_dir_all(&cluster.dir);
    }
}

/// Spawns `command` from a thread that waits for it and so outlives it: with
/// `PR_SET_PDEATHSIG`, the child is signalled when the thread that forked it ends, which must
/// not be whichever test thread happened to start the cluster.
fn spawn_on_dedicated_thread(
    mut command: Command,
) -> Result<(u32, Receiver<io::Result<ExitStatus>>), String> {
    let (pid_tx, pid_rx) = mpsc::channel();
    let (exit_tx, exit_rx) = mpsc::channel();
    let program = command.get_program().to_owned();
    thread::Builder::new()
        .name("postgres-postmaster".into())
        .spawn(move || match command.spawn() {
            Err(e) => {
                let _ = pid_tx.send(Err(e));
            }
            Ok(mut child) => {
                let _ = pid_tx.send(Ok(child.id()));
                let _ = exit_tx.send(child.wait());
            }
        })
        .map_err(|e| format!("cannot start the postmaster thread: {e}"))?;
    match pid_rx.recv() {
        Ok(Ok(pid)) => Ok((pid, exit_rx)),
        Ok(Err(e)) => Err(format!("cannot run {program:?}: {e}")),
        Err(_) => Err("the postmaster thread ended without starting postgres".into()),
    }
}

/// A system user to run the cluster as.
#[derive(Clone, Copy, Debug)]
struct User {
    uid: libc::uid_t,
    gid: libc::gid_t,
}

/// `None` when not root; else the `postgres` user (or `nobody`), since PostgreSQL refuses root.
fn run_as_user() -> Result<Option<User>, String> {
    // SAFETY: `geteuid` has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Ok(None);
    }
    for name in ["postgres", "nobody"] {
        let cname = CString::new(name).expect("no NUL in user names");
        // SAFETY: `getpwnam` reads a NUL-terminated string; the result is copied out at once
        // (the cluster is started once, under a `OnceLock`, so nothing races on the buffer).
        let entry = unsafe { libc::getpwnam(cname.as_ptr()) };
        if !entry.is_null() {
            // SAFETY: a non-null result points at a valid `passwd`.
            let (uid, gid) = unsafe { ((*entry).pw_uid, (*entry).pw_gid) };
            if uid != 0 {
                return Ok(Some(User { uid, gid }));
            }
        }
    }
    Err(format!(
        "the tests run as root, which initdb refuses, and there is no `postgres` system user to \
         run the throwaway cluster as; create one (`useradd --system postgres`), or {INSTALL_HELP}"
    ))
}

/// Makes `command` run as `user` (if any) and, if `die_with_parent`, receive `SIGQUIT` when
/// the thread that spawns it ends. The death signal is set after `setuid`, which clears it.
fn as_user(command: &mut Command, user: Option<User>, die_with_parent: bool) {
    let parent = std::process::id() as libc::pid_t;
    // SAFETY: the closure runs between fork and exec and only makes async-signal-safe system
    // calls, allocating nothing.
    unsafe {
        command.pre_exec(move || {
            if let Some(user) = user {
                if libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(user.gid) != 0
                    || libc::setuid(user.uid) != 0
                {
                    return Err(io::Error::last_os_error());
                }
            }
            if die_with_parent {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGQUIT) != 0 {
                    return Err(io::Error::last_os_error());
                }
                // The parent may have died before the signal was armed.
                if libc::getppid() != parent {
                    return Err(io::Error::from_raw_os_error(libc::ESRCH));
                }
            }
            Ok(())
        });
    }
}

/// The directory holding `initdb` and `postgres`: the first on `PATH` with both, else the
/// newest `/usr/lib/postgresql/<version>/bin`.
fn find_binaries() -> Result<PathBuf, String> {
    let on_path = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default();
    find_binaries_in(&on_path, Path::new("/usr/lib/postgresql"))
}

fn find_binaries_in(on_path: &[PathBuf], versions_root: &Path) -> Result<PathBuf, String> {
    let has_both =
        |dir: &Path| is_executable(&dir.join("initdb")) && is_executable(&dir.join("postgres"));
    if let Some(dir) = on_path.iter().find(|d| has_both(d)) {
        return Ok(dir.clone());
    }
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir(versions_root)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            has_both(&bin).then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin).ok_or_else(|| {
        format!(
            "DATABASE_URL is not set and no PostgreSQL server binaries (`initdb`, `postgres`) \
             were found on PATH or under {}/*/bin; {INSTALL_HELP}",
            versions_root.display()
        )
    })
}

fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(|e| format!("cannot find a free port on 127.0.0.1: {e}"))
}

/// A self-signed certificate for `localhost` (its own root), written where PostgreSQL looks by
/// default (`server.crt`, `server.key` in the data directory), owned by the cluster's user: the
/// server refuses a key that others can read.
fn write_server_certificate(data: &Path, user: Option<User>) -> Result<(), String> {
    let error =
        |e: rcgen::Error| format!("cannot generate the test cluster's TLS certificate: {e}");
    // CN and SAN `localhost`, like Debian's snakeoil certificate.
    let mut params = rcgen::CertificateParams::new(vec!["localhost".to_owned()]).map_err(error)?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "localhost");
    let key = rcgen::KeyPair::generate().map_err(error)?;
    let cert = params.self_signed(&key).map_err(error)?;
    let files = [
        ("server.crt", cert.pem(), 0o644),
        ("server.key", key.serialize_pem(), 0o600),
    ];
    for (name, pem, mode) in files {
        let path = data.join(name);
        fs::write(&path, pem).map_err(|e| format!("cannot write {path:?}: {e}"))?;
        fs::set_permissions(&path, fs::Permissions::from_mode(mode))
            .map_err(|e| format!("cannot set the permissions of {path:?}: {e}"))?;
        if let Some(user) = user {
            chown(&path, Some(user.uid), Some(user.gid))
                .map_err(|e| format!("cannot hand {path:?} to the cluster's user: {e}"))?;
        }
    }
    Ok(())
}

fn create_cluster_dir(user: Option<User>) -> Result<PathBuf, String> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!(
        "{CLUSTER_DIR_PREFIX}{}-{nanos}",
        std::process::id()
    ));
    fs::create_dir(&dir).map_err(|e| format!("cannot create {dir:?}: {e}"))?;
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700))
        .map_err(|e| format!("cannot set the permissions of {dir:?}: {e}"))?;
    if let Some(user) = user {
        chown(&dir, Some(user.uid), Some(user.gid))
            .map_err(|e| format!("cannot hand {dir:?} to the cluster's user: {e}"))?;
    }
    Ok(dir)
}

fn process_is_alive(pid: libc::pid_t) -> bool {
    // SAFETY: signal 0 only checks that the process exists.
    pid > 0
        && (unsafe { libc::kill(pid, 0) } == 0
            || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM))
}

/// Removes the cluster directories of test processes that no longer run (killed before their
/// exit handler could clean up), stopping a postmaster that somehow outlived its process.
fn remove_stale_cluster_dirs() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(owner) = name
            .to_str()
            .and_then(|n| n.strip_prefix(CLUSTER_DIR_PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<libc::pid_t>().ok())
        else {
            continue;
        };
        if process_is_alive(owner) {
            continue;
        }
        let dir = entry.path();
        let postmaster = fs::read_to_string(dir.join("data/postmaster.pid"))
            .ok()
            .and_then(|pidfile| pidfile.lines().next()?.trim().parse::<libc::pid_t>().ok());
        if let Some(pid) = postmaster {
            let cmdline = fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            if String::from_utf8_lossy(&cmdline).contains(&*dir.to_string_lossy()) {
                // SAFETY: signalling a process has no memory-safety preconditions.
                unsafe {
                    libc::kill(pid, libc::SIGQUIT);
                }
                let deadline = Instant::now() + Duration::from_secs(10);
                while process_is_alive(pid) && Instant::now() < deadline {
                    thread::sleep(Duration::from_millis(50));
                }
            }
        }
        let _ = fs::remove_dir_all(&dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_databases_are_recognised_by_machine_and_pid() {
        assert_eq!(stale_owner("st_0badf00d_42_3_1700", "0badf00d"), Some(42));
        assert_eq!(stale_owner("st_0badf00d_42_3_1700", "12345678"), None);
        assert_eq!(stale_owner("st_0badf00d_42_3", "0badf00d"), None);
        assert_eq!(stale_owner("st_0badf00d_42_3_1700_9", "0badf00d"), None);
        assert_eq!(stale_owner("st_0badf00d_x_3_1700", "0badf00d"), None);
        assert_eq!(stale_owner("users", "0badf00d"), None);
    }

    #[test]
    fn databases_of_a_killed_run_are_dropped_by_the_next() {
        // A pid that no longer runs: a child that has exited and been reaped.
        let mut child = Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let live = TestDb::new();
        let orphan = format!("st_{}_{dead}_0_1", machine_tag());
        let foreign = format!("st_ffffffff_{dead}_0_1");
        let mut admin = connect(&server().unwrap().admin_url).unwrap();
        for name in [&orphan, &foreign] {
            let name = quote_ident(name);
            admin
                .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
                .unwrap();
            admin
                .batch_execute(&format!("CREATE DATABASE {name}"))
                .unwrap();
        }
        drop_stale_databases(&mut admin);
        let exists = |admin: &mut Client, name: &str| {
            admin
                .query_one(
                    "SELECT count(*) FROM pg_database WHERE datname = $1",
                    &[&name],
                )
                .unwrap()
                .get::<_, i64>(0)
                == 1
        };
        assert!(
            !exists(&mut admin, &orphan),
            "the killed run's database is dropped"
        );
        assert!(
            exists(&mut admin, &foreign),
            "another machine's database is kept"
        );
        assert!(
            exists(&mut admin, live.name()),
            "a live run's database is kept"
        );
        admin
            .batch_execute(&format!("DROP DATABASE {}", quote_ident(&foreign)))
            .unwrap();
    }

    #[test]
    fn database_names_go_into_urls() {
        assert_eq!(
            with_dbname("postgres://postgres@127.0.0.1:5432/postgres", "st_1"),
            "postgres://postgres@127.0.0.1:5432/st_1"
        );
        assert_eq!(
            with_dbname("postgresql://u:p@h/db?sslmode=disable", "x"),
            "postgresql://u:p@h/x?sslmode=disable"
        );
        assert_eq!(with_dbname("postgres://h:1", "x"), "postgres://h:1/x");
        assert_eq!(with_dbname("postgres://h?a=b", "x"), "postgres://h/x?a=b");
        assert_eq!(
            with_dbname("host=/tmp user=postgres", "x"),
            "host=/tmp user=postgres dbname=x"
        );
    }

    #[test]
    fn passwords_stay_out_of_messages() {
        assert_eq!(
            redacted("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redacted("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(
            redacted("postgres://h/db?x=a:b@c"),
            "postgres://h/db?x=a:b@c"
        );
    }

    #[test]
    fn without_binaries_the_error_says_how_to_get_a_server() {
        let empty = tempfile::tempdir().unwrap();
        let error = find_binaries_in(&[empty.path().to_owned()], empty.path()).unwrap_err();
        assert!(error.contains("apt-get install postgresql"), "{error}");
        assert!(
            error.contains("DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres"),
            "{error}"
        );
    }

    #[test]
    fn binaries_are_found_on_path_first_then_newest_version() {
        let root = tempfile::tempdir().unwrap();
        let make = |dir: &Path| {
            fs::create_dir_all(dir).unwrap();
            for name in ["initdb", "postgres"] {
                fs::write(dir.join(name), "").unwrap();
                fs::set_permissions(dir.join(name), fs::Permissions::from_mode(0o755)).unwrap();
            }
        };
        let versions = root.path().join("lib");
        make(&versions.join("9/bin"));
        make(&versions.join("16/bin"));
        make(&versions.join("15/bin"));
        let nothing = root.path().join("nothing");
        assert_eq!(
            find_binaries_in(std::slice::from_ref(&nothing), &versions).unwrap(),
            versions.join("16/bin")
        );
        let on_path = root.path().join("path");
        make(&on_path);
        assert_eq!(
            find_binaries_in(&[nothing, on_path.clone()], &versions).unwrap(),
            on_path
        );
    }
}
