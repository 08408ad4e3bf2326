fn main() {
    println!("gracemud: being written");
}
