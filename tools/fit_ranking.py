#!/usr/bin/env python3
"""Fit the candidate-ranking weights of src/mine/score.rs, leave one set out.

    for s in seeds un fiction; do ...; done   # see below
    python3 tools/fit_ranking.py [--write]

Reads the feature tables that `cargo run --release --example mining_features -- CORPUS`
prints for the three development sets of ../shared/eval (paths below; make them first):

    E=target/release/examples/mining_features
    $E ../shared/seeds > /tmp/f-seeds.tsv
    $E ../shared/data/un-v1.0-devset > /tmp/f-un.tsv
    $E ../shared/eval/fiction/corpus.tsv > /tmp/f-fiction.tsv

A logistic regression (L2, C=0.03: the strongest regularisation that did not lose recall when
each set was held back) separates gold terms from the other candidates; each set weighs the
same, positives and negatives balanced within it. It prints, for each set, the recall of the
model fitted on the OTHER two sets (the figure that predicts unseen text), then the weights
fitted on all three; --write puts those into src/mine/score.rs. Needs numpy and scikit-learn.
"""
import re, sys
import numpy as np
from sklearn.linear_model import LogisticRegression

C = 0.03
SETS = {
    'seeds': ('/tmp/f-seeds.tsv', '../shared/eval/dev-terms.tsv'),
    'un': ('/tmp/f-un.tsv', '../shared/eval/un/terms.tsv'),
    'fiction': ('/tmp/f-fiction.tsv', '../shared/eval/fiction/terms.tsv'),
}


def norm(s):
    return re.sub(r'\s+', '', s).replace('—', '-').replace('－', '-').replace('–', '-')


def load(features, gold):
    rows = [l.rstrip('\n').split('\t') for l in open(features, encoding='utf-8')]
    gold = {norm(l.split('\t')[0]) for l in open(gold, encoding='utf-8') if l.strip() and not l.startswith('#')}
    x = np.array([[float(v) for v in r[1:]] for r in rows[1:]])
    y = np.array([norm(r[0]) in gold for r in rows[1:]])
    return rows[0][1:], x, y, len(gold)


def fit(data, names):
    xs, ys, ws = [], [], []
    for name in names:
        _, x, y, _ = data[name]
        xs.append(x)
        ys.append(y)
        ws.append(np.where(y, 0.5 / max(1, y.sum()), 0.5 / max(1, (~y).sum())))
    x, y, w = np.vstack(xs), np.concatenate(ys), np.concatenate(ws)
    model = LogisticRegression(C=C, max_iter=5000).fit(x, y, sample_weight=w * len(y))
    return model.coef_[0], model.intercept_[0]


def recall(data, name, w, b):
    _, x, y, n = data[name]
    order = np.argsort(-(x @ w + b), kind='stable')
    return {k: round(float(y[order[:k]].sum()) / n, 3) for k in (50, 100, 200, 400)}


def main():
    data = {name: load(*paths) for name, paths in SETS.items()}
    names = next(iter(data.values()))[0]
    print('held-back recall (fitted on the other two sets):')
    for held in SETS:
        w, b = fit(data, [s for s in SETS if s != held])
        print(f'  {held:8s}', recall(data, held, w, b))
    w, b = fit(data, list(SETS))
    print('fitted on all three:')
    for name in SETS:
        print(f'  {name:8s}', recall(data, name, w, b))
    for n, v in zip(names, w):
        print(f'  {n:20s} {v:+.3f}')
    print(f'  {"intercept":20s} {b:+.3f}')
    if '--write' in sys.argv:
        path = 'src/mine/score.rs'
        text = open(path, encoding='utf-8').read()
        values = ', '.join(f'{v:.3f}' for v in w)
        text = re.sub(r'const WEIGHTS: \[f64; FEATURES\] = \[[^\]]*\];',
                      'const WEIGHTS: [f64; FEATURES] = [\n    ' + values + ',\n];', text)
        text = re.sub(r'const INTERCEPT: f64 = [-0-9.]+;', f'const INTERCEPT: f64 = {b:.3f};', text)
        open(path, 'w', encoding='utf-8').write(text)


if __name__ == '__main__':
    main()
