//! Password hashing off the loop thread: one worker thread, jobs in through a
//! channel, results back through another channel plus a `mio::Waker` so the
//! loop wakes up for them.
//!
//! Hashes are argon2 (the `argon2` crate's default parameters) in PHC string
//! form; the salt comes from `/dev/urandom`. The worker starts with the first
//! job, so a server that installed its signal mask first (see
//! `Server::catch_signals`) hands the mask on to it.

use std::fs::File;
use std::io::Read;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;

use argon2::password_hash::{Output, ParamsString, SaltString};
use argon2::{Algorithm, Argon2, Params, PasswordHash, Version};
use log::warn;
use mio::Waker;

use super::engine::{ConnId, HashJob, HashResult};

/// A job as the worker sees it: whose, and which connection instance.
struct Job {
    conn: ConnId,
    serial: u64,
    job: HashJob,
}

/// A finished job.
#[derive(Debug)]
pub struct Done {
    pub conn: ConnId,
    pub serial: u64,
    pub result: HashResult,
}

/// Run one job here and now with a fresh [`Hasher`] (tests and fallbacks;
/// the worker keeps one `Hasher` for its whole life).
pub fn run_job(job: &HashJob) -> HashResult {
    Hasher::new().run(job)
}

/// An argon2 PHC string for `password`, with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    Hasher::new().hash(password)
}

/// Does `password` match the PHC string `hash`? A malformed hash matches nothing.
pub fn verify_password(password: &str, hash: &str) -> bool {
    Hasher::new().verify(password, hash)
}

/// Argon2 with its working memory (19 MiB at the default parameters)
/// allocated once and reused: allocating and freeing it for every login
/// left the allocator holding tens of megabytes per thread arena.
pub struct Hasher {
    blocks: Vec<argon2::Block>,
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher::new()
    }
}

impl Hasher {
    pub fn new() -> Hasher {
        Hasher { blocks: Vec::new() }
    }

    /// Answer one job.
    pub fn run(&mut self, job: &HashJob) -> HashResult {
        match job {
            HashJob::Hash { password } => HashResult::Hashed(self.hash(password)),
            HashJob::Verify { password, hash } => HashResult::Verified(self.verify(password, hash)),
        }
    }

    fn memory(&mut self, params: &Params) -> &mut [argon2::Block] {
        let need = params.block_count();
        if self.blocks.len() < need {
            self.blocks.resize(need, argon2::Block::default());
        }
        &mut self.blocks[..need]
    }

    /// Hash a new password: argon2id with the crate's default parameters.
    pub fn hash(&mut self, password: &str) -> Result<String, String> {
        let mut salt = [0u8; 16];
        File::open("/dev/urandom")
            .and_then(|mut f| f.read_exact(&mut salt))
            .map_err(|e| format!("no random salt: {e}"))?;
        let salt_string = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
        let params = Params::default();
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        argon
            .hash_password_into_with_memory(
                password.as_bytes(),
                &salt,
                &mut out,
                self.memory(&params),
            )
            .map_err(|e| e.to_string())?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).map_err(|e| e.to_string())?,
            salt: Some(salt_string.as_salt()),
            hash: Some(Output::new(&out).map_err(|e| e.to_string())?),
        };
        Ok(phc.to_string())
    }

    /// Check a password against any argon2 PHC string (its own parameters).
    pub fn verify(&mut self, password: &str, hash: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(hash) else {
            return false;
        };
        let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) = (
            Algorithm::try_from(parsed.algorithm),
            Params::try_from(&parsed),
            parsed.salt,
            parsed.hash,
        ) else {
            return false;
        };
        let version = match parsed.version.map(Version::try_from) {
            Some(Ok(v)) => v,
            Some(Err(_)) => return false,
            None => Version::default(),
        };
        let mut salt_buf = [0u8; 64];
        let Ok(salt) = salt.decode_b64(&mut salt_buf) else {
            return false;
        };
        let argon = Argon2::new(algorithm, version, params.clone());
        let mut out = vec![0u8; expected.len()];
        if argon
            .hash_password_into_with_memory(
                password.as_bytes(),
                salt,
                &mut out,
                self.memory(&params),
            )
            .is_err()
        {
            return false;
        }
        // `Output` compares in constant time.
        Output::new(&out).is_ok_and(|o| o == expected)
    }
}

/// The worker and its channels.
pub struct Worker {
    jobs: Option<Sender<Job>>,
    done_tx: Sender<Done>,
    done_rx: Receiver<Done>,
    waker: Arc<Waker>,
}

impl Worker {
    pub fn new(waker: Arc<Waker>) -> Worker {
        let (done_tx, done_rx) = mpsc::channel();
        Worker {
            jobs: None,
            done_tx,
            done_rx,
            waker,
        }
    }

    fn spawn(&mut self) -> Option<&Sender<Job>> {
        if self.jobs.is_none() {
            let (tx, rx) = mpsc::channel::<Job>();
            let done = self.done_tx.clone();
            let waker = Arc::clone(&self.waker);
            let spawned = std::thread::Builder::new()
                .name("hash".into())
                .spawn(move || {
                    // The loop's signals are the loop thread's business.
                    let _ = super::loop_signals().thread_block();
                    let mut hasher = Hasher::new();
                    while let Ok(job) = rx.recv() {
                        let result = hasher.run(&job.job);
                        let reply = Done {
                            conn: job.conn,
                            serial: job.serial,
                            result,
                        };
                        if done.send(reply).is_err() {
                            break;
                        }
                        let _ = waker.wake();
                    }
                });
            match spawned {
                Ok(_) => self.jobs = Some(tx),
                Err(e) => warn!("cannot start the password worker: {e}"),
            }
        }
        self.jobs.as_ref()
    }

    /// Queue a job. If the worker cannot run, the job runs here, at once.
    pub fn submit(&mut self, conn: ConnId, serial: u64, job: HashJob) {
        let job = Job { conn, serial, job };
        let job = match self.spawn() {
            Some(tx) => match tx.send(job) {
                Ok(()) => return,
                Err(mpsc::SendError(job)) => {
                    warn!("the password worker is gone; hashing on the loop thread");
                    self.jobs = None;
                    job
                }
            },
            None => job,
        };
        let result = run_job(&job.job);
        let _ = self.done_tx.send(Done {
            conn: job.conn,
            serial: job.serial,
            result,
        });
        let _ = self.waker.wake();
    }

    /// Finished jobs, without waiting.
    pub fn finished(&self) -> Vec<Done> {
        self.done_rx.try_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_then_verify() {
        let h = hash_password("secret").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("secret", &h));
        assert!(!verify_password("Secret", &h));
        assert!(!verify_password("secret", "not a hash"));
        assert!(!verify_password("secret", ""));
        let h2 = hash_password("secret").unwrap();
        assert_ne!(h, h2, "salted");
    }

    #[test]
    fn agrees_with_the_crates_own_hasher_both_ways() {
        use argon2::{PasswordHasher, PasswordVerifier};
        let ours = hash_password("correct horse").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default()
            .verify_password(b"correct horse", &parsed)
            .is_ok());
        let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
        let theirs = Argon2::default()
            .hash_password(b"correct horse", &salt)
            .unwrap()
            .to_string();
        let mut h = Hasher::new();
        assert!(h.verify("correct horse", &theirs));
        assert!(!h.verify("wrong horse", &theirs));
        // Other parameters in the string are honoured (and memory regrows).
        let small = Argon2::new(
            Algorithm::Argon2i,
            Version::V0x10,
            Params::new(64, 1, 1, None).unwrap(),
        );
        let other = small.hash_password(b"pw", &salt).unwrap().to_string();
        assert!(h.verify("pw", &other));
        assert!(!h.verify("pw", "$argon2id$v=19$m=19456,t=2,p=1$garbage"));
    }
}
