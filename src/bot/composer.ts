import { type BotError, Composer, type Context, type Middleware, type MiddlewareFn, type NextFunction } from "grammy";

type MaybePromise<T> = T | Promise<T>;
type MaybeArray<T> = T | T[];

/**
 * grammY's Composer, except that filter(), command(), on(), callbackQuery() and the like decide with the
 * predicate alone: grammY's own branch() builds a new Composer each time it checks an update (through
 * lazy()), and every text message passes some 40 such checks on its way to the question handler.
 * And use() appends to a list run by one loop, where grammY nests two async functions per middleware
 * (concat), both run for every update at every middleware it passes. The middleware that runs, and its
 * order, are the same.
 */
export class FeatureComposer<C extends Context> extends Composer<C> {
  /** The middleware in order; one added later still runs (grammY's use() behaves the same). */
  private readonly chain: Array<MiddlewareFn<C>>;
  private readonly runChain: MiddlewareFn<C>;

  constructor(...middleware: Array<Middleware<C>>) {
    super();
    const chain = middleware.map(flatten);
    this.chain = chain;
    this.runChain = (ctx, next) => step(chain, 0, ctx, next);
  }

  override middleware(): MiddlewareFn<C> {
    return this.runChain;
  }

  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FeatureComposer<C>(...middleware);
    this.chain.push(composer.middleware());
    return composer;
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FeatureComposer<C>(...middleware);
    this.branch(predicate, composer, pass);
    return composer;
  }

  /** Both sides composed once: a Composer passed in still runs what is added to it later (grammY calls its middleware() each time). */
  override branch(predicate: (ctx: C) => MaybePromise<boolean>, trueMiddleware: MaybeArray<Middleware<C>>, falseMiddleware: MaybeArray<Middleware<C>>): Composer<C> {
    const onTrue = composed(trueMiddleware);
    const onFalse = composed(falseMiddleware);
    // Most predicates (grammY's filter queries) answer at once: no promise and no tick for those.
    return this.use((ctx, next) => {
      const decided = predicate(ctx);
      if (decided instanceof Promise) return decided.then((yes) => (yes ? onTrue : onFalse)(ctx, next));
      return (decided ? onTrue : onFalse)(ctx, next);
    });
  }

  override errorBoundary(errorHandler: (error: BotError<C>, next: NextFunction) => MaybePromise<unknown>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FeatureComposer<C>(...middleware);
    super.errorBoundary(errorHandler, composer);
    return composer;
  }
}

/**
 * Run chain[i] with a next() that runs the rest, then `next`: what grammY's concat() does, as a
 * promise that settles when chain[i] has (a throw rejects it), and a second next() call rejects.
 */
function step<C extends Context>(chain: Array<MiddlewareFn<C>>, i: number, ctx: C, next: NextFunction): Promise<void> {
  if (i === chain.length) return next();
  let nextCalled = false;
  try {
    return Promise.resolve(
      chain[i]!(ctx, () => {
        if (nextCalled) return Promise.reject(new Error("`next` already called before!"));
        nextCalled = true;
        return step(chain, i + 1, ctx, next);
      }),
    ) as Promise<void>;
  } catch (err) {
    return Promise.reject(err);
  }
}

/** grammY's flatten(): a FeatureComposer's middleware() is its live chain already; another's is asked for each time. */
function flatten<C extends Context>(mw: Middleware<C>): MiddlewareFn<C> {
  if (typeof mw === "function") return mw;
  if (mw instanceof FeatureComposer) return mw.middleware();
  return (ctx, next) => mw.middleware()(ctx, next);
}

const pass = <C extends Context>(_ctx: C, next: NextFunction) => next();

function composed<C extends Context>(middleware: MaybeArray<Middleware<C>>): MiddlewareFn<C> {
  const list = Array.isArray(middleware) ? middleware : [middleware];
  return list.length === 1 ? flatten(list[0]!) : new FeatureComposer<C>(...list).middleware();
}
