// Compiles each catalog page given on the command line with MDX (GitHub
// tables and YAML front matter on, as a documentation site has them), and
// checks what MDX read: every table row has as many cells as its table's
// header (three on a catalog page, two on a code's page), and the
// only JSX is the page's own `<br/>` and `<code>`, with no expression. Any
// `{`, `}` or `<` of a name, message or description that the renderer left
// unescaped would be an expression or a tag, or fail the compilation.
//
//   node check.mjs PAGE.mdx...   (from a directory whose node_modules has
//                                 @mdx-js/mdx, remark-gfm, remark-frontmatter)
import { readFileSync } from 'node:fs';
import { compile } from '@mdx-js/mdx';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';

let failures = 0;
for (const path of process.argv.slice(2)) {
  const problems = [];
  let tree;
  const keepTree = () => (root) => {
    tree = root;
  };
  try {
    await compile(readFileSync(path, 'utf8'), { remarkPlugins: [remarkGfm, remarkFrontmatter, keepTree] });
  } catch (error) {
    problems.push(`does not compile: ${error.message}`);
  }
  let rows = 0;
  const visit = (node) => {
    if (node.type === 'table') {
      const width = node.children[0].children.length;
      for (const row of node.children) {
        rows += 1;
        if (row.children.length !== width) {
          problems.push(`line ${row.position.start.line}: ${row.children.length} cells, the header has ${width}`);
        }
      }
    }
    if (node.type === 'mdxTextExpression' || node.type === 'mdxFlowExpression') {
      problems.push(`line ${node.position.start.line}: an expression {${node.value}}`);
    }
    if ((node.type === 'mdxJsxTextElement' || node.type === 'mdxJsxFlowElement') && !['br', 'code'].includes(node.name)) {
      problems.push(`line ${node.position.start.line}: a tag <${node.name}>`);
    }
    (node.children || []).forEach(visit);
  };
  if (tree) visit(tree);
  // A retired code's page says what it was and has no table.
  if (rows === 0 && !/^# `[^`]+` \(retired\)$/m.test(readFileSync(path, 'utf8'))) problems.push('no table');
  console.log(`${path}: ${rows} table rows, ${problems.length === 0 ? 'ok' : 'FAILED'}`);
  problems.forEach((problem) => console.log(`  ${problem}`));
  failures += problems.length === 0 ? 0 : 1;
}
process.exit(failures === 0 ? 0 : 1);
