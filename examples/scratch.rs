fn main() {
    let l = zhterm::lexicon::Lexicon::new();
    for w in std::env::args().skip(1) {
        let e = l.entry(&w);
        println!("{w}\t{}\t{:?}", e.has_nominal_sense(), e.senses);
    }
}
