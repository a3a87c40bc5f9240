import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout } from '../components/ui/layout.js';
import { HomePage } from '../features/home/home-page.js';
import { SessionProvider } from '../lib/session.js';

// Only the home page ships in the first load; other routes load when visited.
const SignUpPage = lazy(() => import('../features/auth/sign-up-page.js').then((m) => ({ default: m.SignUpPage })));
const SignInPage = lazy(() => import('../features/auth/sign-in-page.js').then((m) => ({ default: m.SignInPage })));
const RecoverPage = lazy(() => import('../features/auth/recover-page.js').then((m) => ({ default: m.RecoverPage })));
const ForgotPage = lazy(() => import('../features/auth/forgot-page.js').then((m) => ({ default: m.ForgotPage })));
const ResetPage = lazy(() => import('../features/auth/reset-page.js').then((m) => ({ default: m.ResetPage })));
const GuidelinesPage = lazy(() =>
  import('../features/guidelines/guidelines-page.js').then((m) => ({ default: m.GuidelinesPage })),
);
const HelpPage = lazy(() => import('../features/help/help-page.js').then((m) => ({ default: m.HelpPage })));
const QuestionnairePage = lazy(() =>
  import('../features/questionnaire/questionnaire-page.js').then((m) => ({ default: m.QuestionnairePage })),
);
const FinderPage = lazy(() => import('../features/finder/finder-page.js').then((m) => ({ default: m.FinderPage })));
const MeetingPage = lazy(() => import('../features/meeting/meeting-page.js').then((m) => ({ default: m.MeetingPage })));
const SavedPage = lazy(() => import('../features/saved/saved-page.js').then((m) => ({ default: m.SavedPage })));
const AccountPage = lazy(() => import('../features/account/account-page.js').then((m) => ({ default: m.AccountPage })));
const PeoplePage = lazy(() => import('../features/people/people-page.js').then((m) => ({ default: m.PeoplePage })));
const DirectoryPage = lazy(() =>
  import('../features/groups/directory/directory-page.js').then((m) => ({ default: m.DirectoryPage })),
);
const GroupPage = lazy(() => import('../features/groups/group/group-page.js').then((m) => ({ default: m.GroupPage })));
const NewGroupPage = lazy(() => import('../features/groups/manage/new-group-page.js').then((m) => ({ default: m.NewGroupPage })));
const ManageGroupPage = lazy(() => import('../features/groups/manage/manage-page.js').then((m) => ({ default: m.ManagePage })));
const RoomPage = lazy(() => import('../features/groups/room/room-page.js').then((m) => ({ default: m.RoomPage })));
const ThreadsPage = lazy(() => import('../features/groups/threads/threads-page.js').then((m) => ({ default: m.ThreadsPage })));
const ThreadPage = lazy(() => import('../features/groups/threads/thread-page.js').then((m) => ({ default: m.ThreadPage })));
const StrategiesPage = lazy(() =>
  import('../features/groups/threads/strategies-page.js').then((m) => ({ default: m.StrategiesPage })),
);
const ProofPage = lazy(() => import('../features/proofs/proof-page.js').then((m) => ({ default: m.ProofPage })));
const NotFoundPage = lazy(() => import('../features/not-found/not-found-page.js').then((m) => ({ default: m.NotFoundPage })));

/** A lazily loaded page; the layout (with "Get help now") stays on screen while it loads. */
const later = (page: ReactNode) => <Suspense fallback={null}>{page}</Suspense>;

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<HomePage />} />
            <Route path="sign-up" element={later(<SignUpPage />)} />
            <Route path="sign-in" element={later(<SignInPage />)} />
            <Route path="recover" element={later(<RecoverPage />)} />
            <Route path="forgot" element={later(<ForgotPage />)} />
            <Route path="reset" element={later(<ResetPage />)} />
            <Route path="guidelines" element={later(<GuidelinesPage />)} />
            <Route path="help" element={later(<HelpPage />)} />
            <Route path="find-a-group" element={later(<QuestionnairePage />)} />
            <Route path="meetings" element={later(<FinderPage />)} />
            <Route path="meetings/:id" element={later(<MeetingPage />)} />
            <Route path="saved" element={later(<SavedPage />)} />
            <Route path="account" element={later(<AccountPage />)} />
            <Route path="admin/people" element={later(<PeoplePage />)} />
            <Route path="groups" element={later(<DirectoryPage />)} />
            <Route path="groups/new" element={later(<NewGroupPage />)} />
            <Route path="groups/:slug" element={later(<GroupPage />)} />
            <Route path="groups/:slug/manage" element={later(<ManageGroupPage />)} />
            <Route path="rooms/:id" element={later(<RoomPage />)} />
            <Route path="groups/:slug/threads" element={later(<ThreadsPage />)} />
            <Route path="groups/:slug/threads/:id" element={later(<ThreadPage />)} />
            <Route path="groups/:slug/strategies" element={later(<StrategiesPage />)} />
            <Route path="proofs/:id" element={later(<ProofPage />)} />
            <Route path="*" element={later(<NotFoundPage />)} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
