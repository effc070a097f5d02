// Read a GraphML file with graphology-graphml and print what it holds as JSON:
// {order, size, multi, nodes: {id: attributes}, edges: [{key, source, target, attributes}]}.
// Usage: node graphml_read.js FILE.graphml   (NODE_PATH must reach graphology and graphology-graphml)
const fs = require('fs');
const Graph = require('graphology');
const graphml = require('graphology-graphml');

const graph = graphml.parse(Graph, fs.readFileSync(process.argv[2], 'utf8'));
const nodes = {};
graph.forEachNode((node, attributes) => { nodes[node] = attributes; });
const edges = [];
graph.forEachEdge((key, attributes, source, target) => {
  edges.push({key, source, target, attributes});
});
process.stdout.write(JSON.stringify({order: graph.order, size: graph.size, multi: graph.multi,
                                     nodes, edges}));
