//! Password-guessing limits: failures counted per account and per client
//! address, delays that grow with them, and caps on the password jobs one
//! address (or, for strangers, one account) may have at once.
//!
//! Pure bookkeeping: no clock, no sockets. The caller passes the time in
//! milliseconds and asks [`Throttle::may_start`] before it hands a password
//! job to the hash worker; a job that may not start yet waits in the login
//! dialogue (the connection is not `ready`, so it sends nothing more) and
//! is asked about again on the next pulse. Nothing here sleeps.
//!
//! The rules (numbers in [`Limits::DEFAULT`], and in the README's
//! "Security and limits" table):
//!
//! * An account's failures and an address's failures are counted apart. A
//!   count is forgotten `forget_ms` after its last failure.
//! * The first `account_free` failures of an account and `addr_free` of an
//!   address cost nothing; after that the next try waits `base_ms` after
//!   the last failure, doubling with each further failure up to `max_ms`.
//!   A try waits for the longer of the two.
//! * An address may have `addr_jobs` password jobs (checks and new
//!   passwords) queued or running at once, one once it is being delayed;
//!   the rest wait in turn, so many connections from one address gain
//!   nothing over one.
//! * A stranger's check of an account waits while another stranger's check
//!   of it runs, so guesses from many addresses are still one at a time.
//!   When several wait, those from addresses with fewer failures go first
//!   (the caller sorts by [`Throttle::addr_failures`]), so an owner at a
//!   new address does not queue behind a flood of guesses from another.
//! * An address that logged in to an account (or created it) is trusted
//!   for it: the account's delay and one-at-a-time rule do not apply to it,
//!   so guessing at someone's account does not lock its owner out. Trust is
//!   kept in memory (up to `trusted_per_account` addresses per account) and
//!   lost at a restart or copyover; until the owner's next login, a flood
//!   at his account delays him as it delays the guessers.

use std::collections::HashMap;

/// The numbers. See the module docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Failures of an account before its tries are delayed.
    pub account_free: u32,
    /// Failures from an address before its tries are delayed.
    pub addr_free: u32,
    /// The first delay; it doubles with each further failure...
    pub base_ms: u64,
    /// ...up to this.
    pub max_ms: u64,
    /// A count is forgotten this long after its last failure.
    pub forget_ms: u64,
    /// Password jobs one address may have queued or running at once.
    pub addr_jobs: u32,
    /// Addresses remembered as trusted per account.
    pub trusted_per_account: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        account_free: 3,
        addr_free: 5,
        base_ms: 1_000,
        max_ms: 60_000,
        forget_ms: 15 * 60_000,
        addr_jobs: 2,
        trusted_per_account: 8,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// The delay after `failures` failures when the first `free` cost nothing:
/// 0, then `base_ms`, doubling, at most `max_ms`.
pub fn delay_ms(failures: u32, free: u32, base_ms: u64, max_ms: u64) -> u64 {
    if failures < free {
        return 0;
    }
    let doublings = (failures - free).min(63);
    base_ms
        .checked_shl(doublings)
        .filter(|d| d >> doublings == base_ms)
        .unwrap_or(u64::MAX)
        .min(max_ms)
}

/// Failures and when the last one was.
#[derive(Clone, Copy, Debug, Default)]
struct Count {
    failures: u32,
    last_ms: u64,
}

impl Count {
    /// Failures still remembered at `now`.
    fn at(&self, now: u64, forget_ms: u64) -> u32 {
        if self.failures > 0 && now.saturating_sub(self.last_ms) < forget_ms {
            self.failures
        } else {
            0
        }
    }
    /// When the next try may go, with `free` failures free.
    fn next_ms(&self, now: u64, free: u32, l: &Limits) -> u64 {
        match delay_ms(self.at(now, l.forget_ms), free, l.base_ms, l.max_ms) {
            0 => 0,
            d => self.last_ms.saturating_add(d),
        }
    }
    fn fail(&mut self, now: u64, forget_ms: u64) -> u32 {
        self.failures = self.at(now, forget_ms).saturating_add(1);
        self.last_ms = now;
        self.failures
    }
}

#[derive(Debug, Default)]
struct Account {
    count: Count,
    /// Strangers' checks of this account running.
    checking: u32,
    /// Addresses that logged in to it, most recent last.
    trusted: Vec<String>,
}

#[derive(Debug, Default)]
struct Addr {
    count: Count,
    /// Password jobs of this address queued or running.
    jobs: u32,
}

/// What a failure did to the counts, for the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failure {
    pub account_failures: u32,
    pub addr_failures: u32,
    /// How long the next try from this address at this account waits.
    pub delay_ms: u64,
}

/// The counts. Accounts are keyed by lower-case name, addresses as
/// `net::engine::peer_address` gives them.
#[derive(Debug, Default)]
pub struct Throttle {
    pub limits: Limits,
    accounts: HashMap<String, Account>,
    addrs: HashMap<String, Addr>,
}

impl Throttle {
    pub fn new(limits: Limits) -> Throttle {
        Throttle {
            limits,
            ..Throttle::default()
        }
    }

    fn trusted(&self, addr: &str, account: &str) -> bool {
        self.accounts
            .get(account)
            .is_some_and(|a| a.trusted.iter().any(|t| t == addr))
    }

    /// May a password job for `addr` (checking `account`, if given) start
    /// at `now`?
    pub fn may_start(&self, addr: &str, account: Option<&str>, now: u64) -> bool {
        let l = &self.limits;
        if let Some(a) = self.addrs.get(addr) {
            // An address being delayed has one job at a time, so two jobs
            // released together cannot both skip the delay.
            let delayed = a.count.at(now, l.forget_ms) >= l.addr_free;
            let cap = if delayed { 1 } else { l.addr_jobs };
            if a.jobs >= cap || now < a.count.next_ms(now, l.addr_free, l) {
                return false;
            }
        }
        match account {
            Some(name) if !self.trusted(addr, name) => match self.accounts.get(name) {
                Some(a) => a.checking == 0 && now >= a.count.next_ms(now, l.account_free, l),
                None => true,
            },
            _ => true,
        }
    }

    /// A job for `addr` (checking `account`) starts. Returns whether it
    /// counts as a stranger's check of the account; pass that to
    /// [`Throttle::finish`] with the same names when the job is done or
    /// abandoned.
    pub fn start(&mut self, addr: &str, account: Option<&str>) -> bool {
        self.addrs.entry(addr.to_string()).or_default().jobs += 1;
        match account {
            Some(name) if !self.trusted(addr, name) => {
                self.accounts.entry(name.to_string()).or_default().checking += 1;
                true
            }
            _ => false,
        }
    }

    /// The job [`Throttle::start`] counted is done.
    pub fn finish(&mut self, addr: &str, account: Option<&str>, stranger: bool) {
        if let Some(a) = self.addrs.get_mut(addr) {
            a.jobs = a.jobs.saturating_sub(1);
        }
        if let (Some(name), true) = (account, stranger) {
            if let Some(a) = self.accounts.get_mut(name) {
                a.checking = a.checking.saturating_sub(1);
            }
        }
    }

    /// Failures of `addr` still remembered at `now`.
    pub fn addr_failures(&self, addr: &str, now: u64) -> u32 {
        self.addrs
            .get(addr)
            .map_or(0, |a| a.count.at(now, self.limits.forget_ms))
    }

    /// Is `addr` a stranger to `account` (not trusted for it)?
    pub fn is_stranger(&self, addr: &str, account: &str) -> bool {
        !self.trusted(addr, account)
    }

    /// A wrong password for `account` from `addr` at `now`.
    pub fn failure(&mut self, addr: &str, account: &str, now: u64) -> Failure {
        let l = self.limits;
        let trusted = self.trusted(addr, account);
        let acc = self.accounts.entry(account.to_string()).or_default();
        let account_failures = acc.count.fail(now, l.forget_ms);
        let ad = self.addrs.entry(addr.to_string()).or_default();
        let addr_failures = ad.count.fail(now, l.forget_ms);
        let mut delay = delay_ms(addr_failures, l.addr_free, l.base_ms, l.max_ms);
        if !trusted {
            delay = delay.max(delay_ms(
                account_failures,
                l.account_free,
                l.base_ms,
                l.max_ms,
            ));
        }
        Failure {
            account_failures,
            addr_failures,
            delay_ms: delay,
        }
    }

    /// `addr` logged in to (or created) `account`: trust it for that
    /// account. The failure counts stay: a success does not excuse the
    /// failures before it (else an attacker could clear his address's count
    /// by logging in to an account of his own).
    pub fn success(&mut self, addr: &str, account: &str) {
        let max = self.limits.trusted_per_account;
        let acc = self.accounts.entry(account.to_string()).or_default();
        acc.trusted.retain(|t| t != addr);
        acc.trusted.push(addr.to_string());
        if acc.trusted.len() > max {
            let extra = acc.trusted.len() - max;
            acc.trusted.drain(..extra);
        }
    }

    /// Forget counts that have expired and hold nothing else.
    pub fn prune(&mut self, now: u64) {
        let forget = self.limits.forget_ms;
        self.addrs
            .retain(|_, a| a.jobs > 0 || a.count.at(now, forget) > 0);
        self.accounts
            .retain(|_, a| a.checking > 0 || !a.trusted.is_empty() || a.count.at(now, forget) > 0);
    }

    /// Addresses and accounts being tracked (for tests and logs).
    pub fn tracked(&self) -> (usize, usize) {
        (self.addrs.len(), self.accounts.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_from_the_free_failures_and_stop_at_the_cap() {
        let d = |n| delay_ms(n, 3, 1_000, 60_000);
        let got: Vec<u64> = (0..12).map(d).collect();
        assert_eq!(
            got,
            [0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]
        );
        assert_eq!(delay_ms(u32::MAX, 0, 1_000, 60_000), 60_000);
        assert_eq!(delay_ms(70, 0, u64::MAX / 2, u64::MAX), u64::MAX);
        assert_eq!(delay_ms(5, 0, 0, 60_000), 0);
    }

    /// The guesser of issue #8: one address, reconnecting after each three
    /// failures, guessing as fast as answered. How many guesses in a day?
    #[test]
    fn a_day_of_guessing_from_one_address() {
        let mut t = Throttle::default();
        let (addr, bob) = ("6.6.6.6", "bob");
        let mut now = 0u64;
        let mut guesses = 0u64;
        let day = 24 * 3600 * 1000;
        while now < day {
            if t.may_start(addr, Some(bob), now) {
                let stranger = t.start(addr, Some(bob));
                now += 25; // one hash
                t.finish(addr, Some(bob), stranger);
                t.failure(addr, bob, now);
                guesses += 1;
            } else {
                now += 250; // asked again every pulse
            }
        }
        // 9 quick ones, then one per minute: about 1,450 a day instead of
        // 2.9 million.
        assert!((1_400..1_500).contains(&guesses), "{guesses}");
    }

    #[test]
    fn failures_are_counted_per_account_and_per_address() {
        let mut t = Throttle::default();
        // Three free failures for the account, five for the address.
        for i in 1..=3 {
            let f = t.failure("1.1.1.1", "bob", 0);
            assert_eq!((f.account_failures, f.addr_failures), (i, i));
        }
        assert_eq!(t.failure("1.1.1.1", "bob", 0).delay_ms, 2_000);
        assert!(!t.may_start("1.1.1.1", Some("bob"), 1_999));
        assert!(t.may_start("1.1.1.1", Some("bob"), 2_000));
        // Another account from the same address: only the address counts.
        assert!(t.may_start("1.1.1.1", Some("carol"), 0));
        // The address's fifth failure delays it for every account.
        let f = t.failure("1.1.1.1", "carol", 10);
        assert_eq!(
            (f.account_failures, f.addr_failures, f.delay_ms),
            (1, 5, 1_000)
        );
        assert!(!t.may_start("1.1.1.1", Some("carol"), 1_009));
        assert!(!t.may_start("1.1.1.1", None, 1_009));
        assert!(t.may_start("1.1.1.1", None, 1_010));
        // Two jobs for an address, but one once it is being delayed.
        assert!(!t.start("1.1.1.1", None));
        assert!(!t.may_start("1.1.1.1", None, 1_010));
        t.finish("1.1.1.1", None, false);
        // Bob from another address still waits for Bob's delay.
        assert!(!t.may_start("2.2.2.2", Some("bob"), 1_000));
        assert!(t.may_start("2.2.2.2", Some("bob"), 2_000));
        assert!(t.may_start("2.2.2.2", Some("carol"), 0));
    }

    #[test]
    fn counts_are_forgotten_after_a_while() {
        let mut t = Throttle::default();
        for _ in 0..10 {
            t.failure("1.1.1.1", "bob", 0);
        }
        let forget = Limits::DEFAULT.forget_ms;
        assert!(!t.may_start("1.1.1.1", Some("bob"), 59_999));
        assert!(t.may_start("1.1.1.1", Some("bob"), 60_000));
        t.prune(forget - 1);
        assert_eq!(t.tracked(), (1, 1));
        let f = t.failure("1.1.1.1", "bob", forget + 1);
        assert_eq!((f.account_failures, f.addr_failures, f.delay_ms), (1, 1, 0));
        t.prune(2 * forget + 1);
        assert_eq!(t.tracked(), (0, 0));
    }

    #[test]
    fn jobs_per_address_and_strangers_per_account_are_capped() {
        let mut t = Throttle::default();
        assert!(t.may_start("1.1.1.1", None, 0));
        assert!(!t.start("1.1.1.1", None));
        assert!(t.may_start("1.1.1.1", Some("bob"), 0));
        assert!(t.start("1.1.1.1", Some("bob")));
        // Two jobs for the address: a third waits.
        assert!(!t.may_start("1.1.1.1", None, 0));
        // A stranger's check of Bob runs: another stranger's waits.
        assert!(!t.may_start("2.2.2.2", Some("bob"), 0));
        assert!(t.may_start("2.2.2.2", Some("carol"), 0));
        t.finish("1.1.1.1", Some("bob"), true);
        assert!(t.may_start("2.2.2.2", Some("bob"), 0));
        assert!(t.may_start("1.1.1.1", None, 0));
        t.finish("1.1.1.1", None, false);
        t.prune(0);
        assert_eq!(t.tracked(), (0, 0));
    }

    #[test]
    fn the_owners_address_is_not_locked_out_by_guesses_at_his_account() {
        let mut t = Throttle::default();
        t.success("7.7.7.7", "bob");
        for n in 0..20 {
            t.failure("6.6.6.6", "bob", n);
        }
        assert!(t.start("6.6.6.6", Some("bob")));
        assert!(!t.may_start("6.6.6.6", Some("bob"), 100));
        assert!(!t.may_start("8.8.8.8", Some("bob"), 100), "a stranger");
        assert!(t.may_start("7.7.7.7", Some("bob"), 100), "the owner");
        assert!(!t.is_stranger("7.7.7.7", "bob"));
        // The owner's typo counts for the account but delays him only by
        // his address's count.
        let f = t.failure("7.7.7.7", "bob", 200);
        assert_eq!(
            (f.account_failures, f.addr_failures, f.delay_ms),
            (21, 1, 0)
        );
        // Trust is bounded per account, most recent kept.
        for i in 0..20 {
            t.success(&format!("10.0.0.{i}"), "bob");
        }
        assert!(t.is_stranger("7.7.7.7", "bob"));
        assert!(!t.is_stranger("10.0.0.19", "bob"));
    }
}
