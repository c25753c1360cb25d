/** Yoti notification topics, lower case as Yoti sends them (session configs use upper case). */
export const NOTIFICATION_TOPICS: ReadonlyArray<{ value: string; name: string; description: string }> = [
	{ value: 'session_completion', name: 'Session Completion', description: 'All checks are done and the session is complete' },
	{ value: 'check_completion', name: 'Check Completion', description: 'A check has finished' },
	{ value: 'task_completion', name: 'Task Completion', description: 'A task (e.g. text extraction) has finished' },
	{ value: 'resource_update', name: 'Resource Update', description: 'The user added or changed a resource (document, liveness, face capture)' },
	{ value: 'client_session_token_deleted', name: 'Client Session Token Deleted', description: "The user's session token expired or was deleted" },
	{ value: 'new_pdf_supplied', name: 'New PDF Supplied', description: 'In-branch: a new instructions PDF is available' },
	{ value: 'instructions_email_requested', name: 'Instructions Email Requested', description: 'In-branch: the user asked for the instructions email' },
	{ value: 'thank_you_email_requested', name: 'Thank You Email Requested', description: 'In-branch: the thank-you email was requested' },
	{ value: 'first_branch_visit', name: 'First Branch Visit', description: 'In-branch: the user visited a branch for the first time' },
];
