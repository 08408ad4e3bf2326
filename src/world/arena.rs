//! A small generational arena: typed ids that can go stale safely.
//!
//! `CharId` and `ObjId` are indexes plus a generation; when an entity is
//! extracted its slot's generation moves on, so an old id simply fails to
//! resolve instead of pointing at whoever reused the slot.

use std::marker::PhantomData;

/// An index into an [`Arena`] of `T`, with the generation it was issued at.
pub struct Id<T> {
    pub index: u32,
    pub gen: u32,
    _t: PhantomData<fn() -> T>,
}

impl<T> Id<T> {
    pub const fn new(index: u32, gen: u32) -> Self {
        Id {
            index,
            gen,
            _t: PhantomData,
        }
    }
}
impl<T> Clone for Id<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Id<T> {}
impl<T> PartialEq for Id<T> {
    fn eq(&self, o: &Self) -> bool {
        self.index == o.index && self.gen == o.gen
    }
}
impl<T> Eq for Id<T> {}
impl<T> std::hash::Hash for Id<T> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.index.hash(h);
        self.gen.hash(h);
    }
}
impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl<T> Ord for Id<T> {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (self.index, self.gen).cmp(&(o.index, o.gen))
    }
}
impl<T> std::fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}.{}", self.index, self.gen)
    }
}

struct Slot<T> {
    gen: u32,
    value: Option<T>,
}

/// Owns every `T`; hands out [`Id`]s.
pub struct Arena<T> {
    slots: Vec<Slot<T>>,
    free: Vec<u32>,
    len: usize,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena {
            slots: Vec::new(),
            free: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Arena<T> {
    /// Make room for `n` more values without growing on the way.
    pub fn reserve(&mut self, n: usize) {
        self.slots.reserve(n.saturating_sub(self.free.len()));
    }
    pub fn insert(&mut self, value: T) -> Id<T> {
        self.len += 1;
        if let Some(index) = self.free.pop() {
            let slot = &mut self.slots[index as usize];
            slot.value = Some(value);
            Id::new(index, slot.gen)
        } else {
            self.slots.push(Slot {
                gen: 0,
                value: Some(value),
            });
            Id::new((self.slots.len() - 1) as u32, 0)
        }
    }
    pub fn remove(&mut self, id: Id<T>) -> Option<T> {
        let slot = self.slots.get_mut(id.index as usize)?;
        if slot.gen != id.gen {
            return None;
        }
        let v = slot.value.take()?;
        slot.gen = slot.gen.wrapping_add(1);
        self.free.push(id.index);
        self.len -= 1;
        Some(v)
    }
    pub fn get(&self, id: Id<T>) -> Option<&T> {
        let slot = self.slots.get(id.index as usize)?;
        if slot.gen != id.gen {
            return None;
        }
        slot.value.as_ref()
    }
    pub fn get_mut(&mut self, id: Id<T>) -> Option<&mut T> {
        let slot = self.slots.get_mut(id.index as usize)?;
        if slot.gen != id.gen {
            return None;
        }
        slot.value.as_mut()
    }
    pub fn contains(&self, id: Id<T>) -> bool {
        self.get(id).is_some()
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// Ids of every live entry, in slot order.
    pub fn ids(&self) -> Vec<Id<T>> {
        self.iter().map(|(id, _)| id).collect()
    }
    pub fn iter(&self) -> impl Iterator<Item = (Id<T>, &T)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.value.as_ref().map(|v| (Id::new(i as u32, s.gen), v)))
    }
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (Id<T>, &mut T)> {
        self.slots.iter_mut().enumerate().filter_map(|(i, s)| {
            let gen = s.gen;
            s.value.as_mut().map(|v| (Id::new(i as u32, gen), v))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_ids_do_not_resolve() {
        let mut a: Arena<&str> = Arena::default();
        let x = a.insert("x");
        assert_eq!(a.get(x), Some(&"x"));
        assert_eq!(a.remove(x), Some("x"));
        let y = a.insert("y");
        assert_eq!(y.index, x.index);
        assert!(a.get(x).is_none());
        assert_eq!(a.get(y), Some(&"y"));
        assert_eq!(a.len(), 1);
    }
}
