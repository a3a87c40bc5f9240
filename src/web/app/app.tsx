import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout } from '../components/ui/layout.js';
import { HomePage } from '../features/home/home-page.js';

// Only the home page ships in the first load; other routes load when visited.
const HelpPage = lazy(() => import('../features/help/help-page.js').then((m) => ({ default: m.HelpPage })));
const NotFoundPage = lazy(() => import('../features/not-found/not-found-page.js').then((m) => ({ default: m.NotFoundPage })));

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          <Route
            path="help"
            element={
              <Suspense fallback={null}>
                <HelpPage />
              </Suspense>
            }
          />
          <Route
            path="*"
            element={
              <Suspense fallback={null}>
                <NotFoundPage />
              </Suspense>
            }
          />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
