/**
 * Thinc's Loss contract (thinc/loss.py): getGrad gives d(loss)/d(guesses), getLoss a number,
 * and call gives both, computing the gradient once. The number needs one read-back from the
 * backend, so a caller that only trains can use getGrad alone.
 */
export interface Loss<Guess, Truth, Grad> {
  getGrad(guesses: Guess, truths: Truth): Grad;
  getLoss(guesses: Guess, truths: Truth): number;
  call(guesses: Guess, truths: Truth): [Grad, number];
}
