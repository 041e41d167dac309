import { ref } from 'vue';

/**
 * A page's writes: `act` runs one, says what was done (`done`, or what it makes of the answer) or
 * the API's Chinese message when it failed, and reloads what the page shows after a success.
 */
export function useAction(reload: () => Promise<unknown>) {
  const message = ref('');
  const error = ref('');
  async function act<T>(what: () => Promise<T>, done: string | ((result: T) => string)): Promise<void> {
    message.value = '';
    error.value = '';
    try {
      const result = await what();
      message.value = typeof done === 'string' ? done : done(result);
      await reload();
    } catch (e) {
      error.value = (e as Error).message;
    }
  }
  return { message, error, act };
}
