import { NotFoundMessage } from '@/components/layout/NotFoundMessage';
import { PageReady } from '@/components/layout/PageReady';

/** `notFound()` from a signed-in page (e.g. a deleted work order), inside the shell. */
export default function SignedInNotFound() {
  return (
    <>
      <NotFoundMessage />
      <PageReady />
    </>
  );
}
