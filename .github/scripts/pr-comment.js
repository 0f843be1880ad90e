// Posts the file COMMENT_FILE as the pull request's comment marked MARKER
// (an HTML comment), or updates that comment when a bot posted it before:
// one comment per diff job, updated in place. Called from
// actions/github-script: require('./.github/scripts/pr-comment.js')({ github, context }).
const fs = require('fs');

module.exports = async ({ github, context }) => {
  const marker = process.env.MARKER;
  const body = `${marker}\n${fs.readFileSync(process.env.COMMENT_FILE, 'utf8')}`;
  const { owner, repo } = context.repo;
  const issue_number = context.issue.number;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const previous = comments.find((c) => c.user.type === 'Bot' && c.body.includes(marker));
  if (previous) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body });
  } else {
    await github.rest.issues.createComment({ owner, repo, issue_number, body });
  }
};
