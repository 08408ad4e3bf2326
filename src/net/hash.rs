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

use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
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

/// Run one job here and now (the worker calls this; so do tests).
pub fn run_job(job: &HashJob) -> HashResult {
    match job {
        HashJob::Hash { password } => HashResult::Hashed(hash_password(password)),
        HashJob::Verify { password, hash } => HashResult::Verified(verify_password(password, hash)),
    }
}

/// An argon2 PHC string for `password`, with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut salt))
        .map_err(|e| format!("no random salt: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Does `password` match the PHC string `hash`? A malformed hash matches nothing.
pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
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
                    while let Ok(job) = rx.recv() {
                        let result = run_job(&job.job);
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
}
