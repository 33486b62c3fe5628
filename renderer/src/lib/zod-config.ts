import { z } from 'zod';

// The page's Content-Security-Policy forbids eval; zod would otherwise probe `new Function` (and
// the browser reports the blocked attempt as an error). Imported first by main.ts.
z.config({ jitless: true });
