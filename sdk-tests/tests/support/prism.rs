//! Runs the Prism mock server (`tools/node_modules/.bin/prism`) on a free loopback port
//! for the life of a test, and stops it on drop, also when the test panics. (`cargo xtask
//! corpus --prism` runs the corpus crates' examples with it too.)

use std::fs::File;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long Prism may take to start listening (Node start-up and spec loading).
const READY_WITHIN: Duration = Duration::from_secs(60);
/// Attempts at starting, in case another process takes the free port first.
const ATTEMPTS: usize = 3;

/// A running Prism; dropping it kills the process.
pub struct Prism {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    log: PathBuf,
}

/// The workspace root (the parent of `sdk-tests/`).
pub fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("sdk-tests sits in the workspace")
}

impl Prism {
    /// Prism mocking `spec` (relative to the workspace root, or absolute) with `--errors`, so a request
    /// or response that breaks the spec gets an error answer. Panics when Prism is not
    /// installed, unless `SDK_TESTS_SKIP_PRISM=1` (and not `CI=true`): then `None`, and the caller skips.
    pub fn start(spec: &str) -> Option<Prism> {
        Prism::start_with(spec, true)
    }

    /// [`Prism::start`], with `--errors` only if `errors`: without it, Prism still refuses a
    /// request that breaks the spec, but answers with the spec's example even where that breaks
    /// the spec (naming the violation in the `sl-violations` header).
    pub fn start_with(spec: &str, errors: bool) -> Option<Prism> {
        let bin = workspace_root().join("tools/node_modules/.bin/prism");
        let skip = std::env::var("SDK_TESTS_SKIP_PRISM").as_deref() == Ok("1");
        let ci = std::env::var("CI").as_deref() == Ok("true");
        match check_installed(&bin, skip, ci) {
            Ok(true) => {}
            Ok(false) => {
                eprintln!("SKIPPED: Prism is not installed and SDK_TESTS_SKIP_PRISM=1");
                return None;
            }
            Err(message) => panic!("{message}"),
        }
        let mut last_failure = String::new();
        for _ in 0..ATTEMPTS {
            match Prism::spawn(&bin, spec, errors) {
                Ok(prism) => return Some(prism),
                Err(failure) => last_failure = failure,
            }
        }
        panic!("Prism did not start:\n{last_failure}");
    }

    fn spawn(bin: &Path, spec: &str, errors: bool) -> Result<Prism, String> {
        let port = free_port();
        let logs =
            option_env!("CARGO_TARGET_TMPDIR").map_or_else(std::env::temp_dir, PathBuf::from);
        let log = logs.join(format!("prism-{port}.log"));
        let out =
            File::create(&log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        let port_text = port.to_string();
        let child = Command::new(bin)
            .args(["mock", spec, "-h", "127.0.0.1", "-p", &port_text])
            .args(errors.then_some("--errors"))
            .arg("--multiprocess=false")
            .current_dir(workspace_root())
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
        let mut prism = Prism {
            child,
            url: format!("http://127.0.0.1:{port}"),
            log,
        };
        prism.wait_ready(SocketAddr::from(([127, 0, 0, 1], port)))?;
        Ok(prism)
    }

    /// Polls until Prism accepts connections, it exits, or [`READY_WITHIN`] runs out.
    fn wait_ready(&mut self, addr: SocketAddr) -> Result<(), String> {
        let deadline = Instant::now() + READY_WITHIN;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("Prism exited ({status}):\n{}", self.log_text()));
            }
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!(
            "Prism was not listening after {READY_WITHIN:?}:\n{}",
            self.log_text()
        ))
    }

    /// What Prism printed so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The log once `done` holds for it, or after 5 s (Prism may write a little late).
    pub fn log_when(&self, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let log = self.log_text();
            if done(&log) || Instant::now() >= deadline {
                return log;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// Whether Prism is at `bin`; when it is missing, `Ok(false)` if `skip` allows that (never under
/// `ci`), else the message that says how to install it.
pub fn check_installed(bin: &Path, skip: bool, ci: bool) -> Result<bool, String> {
    match (bin.exists(), skip) {
        (true, _) => Ok(true),
        (false, true) if ci => Err(format!(
            "Prism is not installed ({} is missing), and SDK_TESTS_SKIP_PRISM=1 does not apply \
             under CI=true: run `npm ci` in tools/",
            bin.display()
        )),
        (false, true) => Ok(false),
        (false, false) => Err(format!(
            "Prism is not installed ({} is missing): run `npm ci` in tools/, \
             or set SDK_TESTS_SKIP_PRISM=1 to skip the e2e tests",
            bin.display()
        )),
    }
}

/// A loopback port that was free a moment ago.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    listener.local_addr().expect("a bound address").port()
}
