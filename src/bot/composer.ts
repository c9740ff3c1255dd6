import { type BotError, Composer, type Context, type Middleware, type NextFunction } from "grammy";

type MaybePromise<T> = T | Promise<T>;
type MaybeArray<T> = T | T[];

/**
 * grammY's Composer, except that filter(), command(), on(), callbackQuery() and the like decide with the
 * predicate alone: grammY's own branch() builds a new Composer each time it checks an update (through
 * lazy()), and every text message passes some 40 such checks on its way to the question handler.
 * The middleware that runs, and its order, are the same.
 */
export class FeatureComposer<C extends Context> extends Composer<C> {
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

const pass = <C extends Context>(_ctx: C, next: NextFunction) => next();

function composed<C extends Context>(middleware: MaybeArray<Middleware<C>>) {
  return new Composer<C>(...(Array.isArray(middleware) ? middleware : [middleware])).middleware();
}
